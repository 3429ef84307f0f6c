/**
 * The one way a form keeps its state: react-hook-form holds values, touched fields, busy state and
 * errors; the API's own zod schema (api/src/contract) checks what would be sent, so the browser
 * refuses exactly what the API would. A refusal from the API (problem+json) is placed beside the
 * fields it names, and the first field at fault gets the focus, whether the browser or the API found it.
 */
import { useCallback, useEffect, useRef, useState, type BaseSyntheticEvent } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldErrors,
  type FieldValues,
  type Mode,
  type Path,
  type Resolver,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../api/client';
import { fieldWords } from '../api/problem-words';
import { checkValues, type FieldText, type FormCheck } from './issues';

export interface ContractFormOptions<V extends FieldValues, S extends z.ZodType> extends FormCheck<V, S> {
  defaultValues: V;
  /** Problem codes (`code` of a problem+json) that are about one field, with the words for them. */
  codes?: Record<string, { field: Path<V>; key: string }>;
  /** Numbers the messages name besides the schema's own ({{min}} of a password). */
  params?: Record<string, unknown>;
  /** onSubmit: problems show after the first Save; onChange: as the person types. */
  mode?: Mode;
  /** A refusal is about what was sent: once the person edits, it no longer describes the form. */
  clearFailureOnEdit?: boolean;
  /** The words beside a field the API named with a code the web does not word (else the API's English). */
  serverText?: (field: string, message: string) => string;
}

const SERVER = 'server';

export function useContractForm<V extends FieldValues, S extends z.ZodType>(options: ContractFormOptions<V, S>) {
  const { t } = useTranslation();
  const latest = useRef(options);
  latest.current = options;
  const params = useRef<Record<string, Record<string, unknown> | undefined>>({});

  const resolver = useCallback<Resolver<V, unknown, z.output<S>>>((values) => {
    const checked = checkValues(latest.current, values);
    if (checked.ok) return { values: checked.body as z.output<S>, errors: {} };
    const entries = Object.entries(checked.texts) as [string, FieldText][];
    // Merged: a check of one field (as the person types) leaves the others' messages as they were.
    params.current = { ...params.current, ...Object.fromEntries(entries.map(([field, text]) => [field, text.params])) };
    return {
      values: {},
      errors: Object.fromEntries(
        entries.map(([field, text]) => [field, { type: 'client', message: text.key }]),
      ) as FieldErrors<V>,
    };
  }, []);

  const form = useForm<V, unknown, z.output<S>>({
    defaultValues: options.defaultValues as DefaultValues<V>,
    resolver,
    mode: options.mode ?? 'onSubmit',
    reValidateMode: 'onChange',
  });
  const [failure, setFailure] = useState<unknown>();
  const [placed, setPlaced] = useState<string[]>([]);

  useEffect(() => {
    if (!options.clearFailureOnEdit) return;
    const subscription = form.watch(() => {
      setFailure(undefined);
      setPlaced([]);
    });
    return () => subscription.unsubscribe();
  }, [form, options.clearFailureOnEdit]);

  /** The API's field problems beside their fields; the first of them gets the focus. */
  const place = useCallback(
    (error: unknown): string[] => {
      if (!(error instanceof ApiError)) return [];
      const { defaultValues, bodyToField, codes, serverText } = latest.current;
      const named: [Path<V>, string][] = [];
      const code = typeof error.body.code === 'string' ? codes?.[error.body.code] : undefined;
      if (code) named.push([code.field, t(code.key, latest.current.params)]);
      for (const problem of error.fields) {
        const { field, message } = problem;
        const first = field.split('.')[0]!;
        const name = (bodyToField?.[first] ?? first) as Path<V>;
        // The words for the field's code; the form's own (or the API's English) only for a code unknown here.
        if (name in defaultValues && !named.some(([known]) => known === name))
          named.push([name, fieldWords(problem, t) ?? (serverText ? serverText(field, message) : message)]);
      }
      named.forEach(([name, message], index) =>
        form.setError(name, { type: SERVER, message }, { shouldFocus: index === 0 }),
      );
      return named.map(([name]) => name);
    },
    [form, t],
  );

  /** Submits through `send` once the values pass; a refusal is kept as `failure` for the form to word. */
  const submitWith = useCallback(
    (send: (body: z.output<S>, values: V) => Promise<unknown>) => (event?: BaseSyntheticEvent) =>
      form.handleSubmit(async (body) => {
        setFailure(undefined);
        setPlaced([]);
        try {
          await send(body, form.getValues());
        } catch (error) {
          setFailure(error);
          setPlaced(place(error));
        }
      })(event),
    [form, place],
  );

  /** What is wrong with a field, in the interface's language (the API's own words for its refusals). */
  const errorOf = (name: Path<V>): string | undefined => {
    const error = form.formState.errors[name] as { type?: string; message?: string } | undefined;
    if (!error?.message) return undefined;
    if (error.type === SERVER) return error.message;
    return t(error.message, { ...latest.current.params, ...params.current[name] });
  };

  const root = form.formState.errors.root as { message?: string } | undefined;
  return {
    form,
    errorOf,
    /** A problem of the body as a whole, about no field the form shows. */
    rootError: root?.message ? t(root.message) : undefined,
    submitWith,
    /** The last refusal, and the body fields it named (shown beside their inputs). */
    failure,
    placed,
    busy: form.formState.isSubmitting,
    clearFailure: () => setFailure(undefined),
  };
}
