import type { Request } from 'express';
import type { Role } from '../accounts/repo.js';

/** Only prosecutor's staff and administrators see confidential hotspots; others see them only as counts. */
export function canSeeConfidential(role: Role | undefined): boolean {
  return role === 'prosecutor' || role === 'admin';
}

export function hidesConfidential(req: Request): boolean {
  return !canSeeConfidential(req.auth?.user.role);
}
