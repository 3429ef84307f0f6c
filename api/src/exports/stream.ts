import type { Response } from 'express';
import { encodingStream, type Coding } from '../http/compression.js';

/** The client went away mid-download: stop reading the database; there is nobody to tell. */
export class ClientGone extends Error {
  constructor() {
    super('the client closed the connection during an export');
    this.name = 'ClientGone';
  }
}

interface Drainable {
  once(event: 'drain', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
}

/**
 * Waits for `source` to drain, or rejects with ClientGone when the response closes first: a
 * client that stops reading and disconnects would otherwise leave the export waiting forever.
 */
export function drainOrGone(res: Response, source: Drainable = res): Promise<void> {
  if (res.destroyed) return Promise.reject(new ClientGone());
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      res.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      source.off('drain', onDrain);
      reject(new ClientGone());
    };
    source.once('drain', onDrain);
    res.once('close', onClose);
  });
}

/** Writes a chunk and, when the socket's buffer is full, waits until it has been sent on. */
export async function send(res: Response, chunk: string): Promise<void> {
  if (res.destroyed) throw new ClientGone();
  if (!res.write(chunk)) await drainOrGone(res);
}

/** Where a text export writes: the response itself, or a compressor piped into it. */
export interface Outlet {
  /** Writes a chunk, waiting while the compressor's or the socket's buffer is full. */
  write(chunk: string): Promise<void>;
  /** Ends the answer (after the compressor has flushed what it holds). */
  end(): void;
}

/**
 * The outlet of a text export: compressed with `coding` as it streams, when the client takes one.
 * Backpressure carries through: the compressor's buffer fills when the socket's does (pipe), and
 * a write waits for the compressor to drain, so a slow reader still holds the database reads back.
 * Call before the first byte: it sets Content-Encoding.
 */
export function outlet(res: Response, coding: Coding | undefined): Outlet {
  if (!coding) return { write: (chunk) => send(res, chunk), end: () => res.end() };
  res.setHeader('Content-Encoding', coding);
  const compressor = encodingStream(coding);
  compressor.pipe(res);
  // A client gone mid-download: free the compressor's native memory; a broken one cuts the answer.
  res.once('close', () => compressor.destroy());
  compressor.once('error', () => res.destroy());
  return {
    async write(chunk) {
      if (res.destroyed) throw new ClientGone();
      if (!compressor.write(chunk)) await drainOrGone(res, compressor);
    },
    end: () => compressor.end(),
  };
}

/** Resolves when the response has been sent in full, or rejects with ClientGone if it closes first. */
export function finished(res: Response): Promise<void> {
  if (res.writableFinished) return Promise.resolve();
  if (res.destroyed) return Promise.reject(new ClientGone());
  return new Promise((resolve, reject) => {
    const onFinish = () => {
      res.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      res.off('finish', onFinish);
      reject(new ClientGone());
    };
    res.once('finish', onFinish);
    res.once('close', onClose);
  });
}

/** The file name people see in their downloads: what it is and the day it was taken. */
export function attachment(today: string, extension: string): string {
  return `attachment; filename="oshaq-hotspots-${today}.${extension}"`;
}
