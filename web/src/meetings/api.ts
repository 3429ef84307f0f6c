/**
 * Meetings, their agendas and instructions, the agencies' reports and the discipline report, through
 * the one typed client. Types come from the API's zod contract (types only, no schema library).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, request, type QueryValue } from '../api/client';
import { useSession } from '../api/hooks';
import type {
  AcceptRequest,
  AgendaItem,
  AgendaItemCreateInput,
  AgendaItemPatch,
  Assignment,
  AssignmentList,
  HotspotMeetings,
  InstructionCreate,
  InstructionDetail,
  InstructionPatch,
  MeetingCreateInput,
  MeetingDetail,
  MeetingList,
  MeetingPatch,
  ReportRequest,
  ReturnRequest,
} from '@oshaq/api/contract/meetings';
import type {
  AssignmentListQuery,
  DisciplineReport,
  MeetingListQuery,
  YearSummary,
} from '@oshaq/api/contract/meeting-reports';

export type {
  Assignment,
  AssignmentItem,
  HotspotMeetings,
  Instruction,
  InstructionPatch,
  MeetingDetail,
  MeetingSummary,
} from '@oshaq/api/contract/meetings';
export type { DisciplineReport } from '@oshaq/api/contract/meeting-reports';
// Values from the zod-free module, so the bundle does not carry the schema library.
export { MEETING_KINDS, mayReport } from '@oshaq/api/contract/meeting-enums';
export type { MeetingKind, Timeliness, AssignmentStatus } from '@oshaq/api/contract/meeting-enums';

/** Every key below starts with one of these, so a change can refresh all views it may touch. */
const ROOTS = ['meetings', 'meeting', 'instructions', 'discipline', 'hotspot-meetings'] as const;

const ifMatch = (version: number) => ({ 'If-Match': `"v${version}"` });

/** The contract's meetingListQuery, as the client sends it (lists as arrays). */
type MeetingListParams = Partial<Omit<MeetingListQuery, 'kind'>> & { kind?: MeetingListQuery['kind'] };

/**
 * The signed-in person's id for query keys: what an answer holds depends on who asks (confidential
 * items, "mine"), so a colleague signing in on the same browser never sees the previous answers.
 */
function useViewer(): number | null {
  return useSession().data?.user.id ?? null;
}

export function useMeetings(params: MeetingListParams) {
  const viewer = useViewer();
  return useQuery({
    queryKey: ['meetings', viewer, params],
    queryFn: ({ signal }) => get<MeetingList>('/api/meetings', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: number | undefined) {
  const viewer = useViewer();
  return useQuery({
    queryKey: ['meeting', viewer, id],
    queryFn: ({ signal }) => get<MeetingDetail>(`/api/meetings/${id}`, {}, signal),
    enabled: id !== undefined && Number.isInteger(id) && id > 0,
  });
}

/** The contract's assignmentListQuery, as the client sends it. */
type InstructionListParams = Partial<AssignmentListQuery>;

/** Agencies' parts of instructions; "mine" means the signed-in person's agency. */
export function useInstructions(params: InstructionListParams, enabled = true) {
  const userId = useViewer();
  return useQuery({
    queryKey: ['instructions', userId, params],
    queryFn: ({ signal }) => get<AssignmentList>('/api/instructions', params as Record<string, QueryValue>, signal),
    placeholderData: keepPreviousData,
    enabled: enabled && userId !== null,
  });
}

export function useDiscipline(params: { from: string; to: string; basis?: string }) {
  const userId = useViewer();
  return useQuery({
    queryKey: ['discipline', userId, params],
    queryFn: ({ signal }) => get<DisciplineReport>('/api/discipline', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The year in figures (meetings held, hotspots entered and resolved, instructions given and done). */
export function useYearSummary(year: number) {
  return useQuery({
    queryKey: ['meetings', 'year', year],
    queryFn: ({ signal }) => get<YearSummary>('/api/summary/year', { year }, signal),
  });
}

export function useHotspotMeetings(hotspotId: string | undefined) {
  const userId = useViewer();
  return useQuery({
    queryKey: ['hotspot-meetings', userId, hotspotId],
    queryFn: ({ signal }) => get<HotspotMeetings>(`/api/hotspots/${hotspotId}/meetings`, {}, signal),
    enabled: Boolean(hotspotId),
  });
}

/** After any change every meeting view is fetched again: lists, the meeting, tasks, the report. */
function useRefresh() {
  const client = useQueryClient();
  return () => Promise.all(ROOTS.map((key) => client.invalidateQueries({ queryKey: [key] })));
}

function useChange<Vars, Result>(run: (vars: Vars) => Promise<Result>) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: run, onSettled: refresh });
}

/** The Idempotency-Key of a create: the form's, the same on every retry (api/idempotency-key.ts). */
const once = (key: string) => ({ 'Idempotency-Key': key });

export function useCreateMeeting() {
  return useChange(
    async ({ body, idempotencyKey }: { body: MeetingCreateInput; idempotencyKey: string }) =>
      (await request<MeetingDetail>('/api/meetings', { method: 'POST', body, headers: once(idempotencyKey) })).data,
  );
}

/** Edits carry the version they started from: someone else's newer change answers 412, never overwritten. */
export function useEditMeeting() {
  return useChange(
    async ({ id, version, patch }: { id: number; version: number; patch: MeetingPatch }) =>
      (await request<MeetingDetail>(`/api/meetings/${id}`, { method: 'PATCH', body: patch, headers: ifMatch(version) }))
        .data,
  );
}

export function useDeleteMeeting() {
  return useChange(async ({ id, version }: { id: number; version: number }) => {
    await request(`/api/meetings/${id}`, { method: 'DELETE', headers: ifMatch(version) });
  });
}

export function useAddAgendaItem() {
  return useChange(
    async ({
      meetingId,
      item,
      idempotencyKey,
    }: {
      meetingId: number;
      item: AgendaItemCreateInput;
      idempotencyKey: string;
    }) =>
      (
        await request<AgendaItem>(`/api/meetings/${meetingId}/agenda`, {
          method: 'POST',
          body: item,
          headers: once(idempotencyKey),
        })
      ).data,
  );
}

export function useRemoveAgendaItem() {
  return useChange(async ({ meetingId, item }: { meetingId: number; item: AgendaItem }) => {
    await request(`/api/meetings/${meetingId}/agenda/${item.id}`, {
      method: 'DELETE',
      headers: ifMatch(item.version),
    });
  });
}

/** Changes an item (its notes, say) on the version the person saw: a newer change answers 412. */
export function useEditAgendaItem() {
  return useChange(
    async ({ meetingId, item, patch }: { meetingId: number; item: AgendaItem; patch: AgendaItemPatch }) =>
      (
        await request<AgendaItem>(`/api/meetings/${meetingId}/agenda/${item.id}`, {
          method: 'PATCH',
          body: patch,
          headers: ifMatch(item.version),
        })
      ).data,
  );
}

/** Moves an item to another place in the agenda (1-based), on the version the person saw. */
export function useMoveAgendaItem() {
  return useChange(
    async ({ meetingId, item, position }: { meetingId: number; item: AgendaItem; position: number }) =>
      (
        await request<AgendaItem>(`/api/meetings/${meetingId}/agenda/${item.id}`, {
          method: 'PATCH',
          body: { position },
          headers: ifMatch(item.version),
        })
      ).data,
  );
}

/** Corrects an instruction's text or deadline on the version the person saw: a newer change answers 412. */
export function useEditInstruction() {
  return useChange(
    async ({ id, version, patch }: { id: number; version: number; patch: InstructionPatch }) =>
      (
        await request<InstructionDetail>(`/api/instructions/${id}`, {
          method: 'PATCH',
          body: patch,
          headers: ifMatch(version),
        })
      ).data,
  );
}

export function useDeleteInstruction() {
  return useChange(async ({ id, version }: { id: number; version: number }) => {
    await request(`/api/instructions/${id}`, { method: 'DELETE', headers: ifMatch(version) });
  });
}

export function useGiveInstruction() {
  return useChange(
    async ({
      meetingId,
      body,
      idempotencyKey,
    }: {
      meetingId: number;
      body: InstructionCreate;
      idempotencyKey: string;
    }) =>
      (
        await request<InstructionDetail>(`/api/meetings/${meetingId}/instructions`, {
          method: 'POST',
          body,
          headers: once(idempotencyKey),
        })
      ).data,
  );
}

export type AssignmentStep =
  | { action: 'report'; body: ReportRequest }
  | { action: 'accept'; body: AcceptRequest }
  | { action: 'return'; body: ReturnRequest };

/** An agency reports, the secretary accepts or returns: each on the version the person saw. */
export function useAssignmentStep() {
  return useChange(
    async ({
      instructionId,
      agency,
      version,
      step,
      idempotencyKey,
    }: {
      instructionId: number;
      agency: string;
      version: number;
      step: AssignmentStep;
      /** A report (or acceptance, return) sent again after a lost answer is answered, not refused. */
      idempotencyKey: string;
    }) =>
      (
        await request<Assignment>(
          `/api/instructions/${instructionId}/assignments/${encodeURIComponent(agency)}/${step.action}`,
          { method: 'POST', body: step.body, headers: { ...ifMatch(version), ...once(idempotencyKey) } },
        )
      ).data,
  );
}

/** The XLSX export of the discipline report: a plain link, so the browser downloads it with the session cookie. */
export function disciplineXlsxUrl(params: { from: string; to: string; basis?: string; lang: string }): string {
  const defined = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return `/api/discipline.xlsx?${new URLSearchParams(defined)}`;
}
