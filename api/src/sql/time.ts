/** SQL fragments for times, shared by every repo that answers with a timestamp. */

/** ISO 8601 in UTC, the same text on every server whatever its time zone. */
export const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
