/**
 * Both drivers must hand back the same JavaScript values, or code that passes on one
 * database fails on the other. Calendar dates stay 'YYYY-MM-DD' strings (a Date would shift
 * them by the server's time zone), and 64-bit counts become numbers (counts here stay far
 * below 2^53).
 */
const PG_OID = { int8: 20, date: 1082 } as const;

export const typeParsers: Record<number, (value: string) => unknown> = {
  [PG_OID.int8]: (value) => Number(value),
  [PG_OID.date]: (value) => value,
};
