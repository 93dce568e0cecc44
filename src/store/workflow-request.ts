import { z } from "zod";
import { isoDateSchema, isoInstantSchema } from "./iso-instant.js";

export const decisionSchema = z.object({
  decision: z.enum(["approved", "rejected", "returned"]),
  /** The person id of the admin who decided. */
  decidedBy: z.string().min(1),
  decidedAt: isoInstantSchema,
  /** The reason given, required by the workflow for a return. */
  note: z.string().optional(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const newWorkflowRequestSchema = z.object({
  /** Chosen by the caller, so that a retried create is recognisable. */
  id: z.string().min(1),
  /**
   * `reopening`: the office undoing an approved completion (/reopen): made by an admin and
   * approved in the same instant, it names the completion it undoes in `undoes`; the completion
   * keeps its own record and decision.
   */
  kind: z.enum(["completion", "extension", "reopening"]),
  taskNo: z.number().int().positive(),
  unit: z.string().min(1),
  requestedBy: z.string().min(1),
  requestedAt: isoInstantSchema,
  /** For an extension: the deadline asked for. */
  newDeadline: isoDateSchema.optional(),
  reason: z.string().optional(),
  /** For a reopening: the id of the approved completion request it undoes. */
  undoes: z.string().min(1).optional(),
  /** Set when `reason` was cut to the stored-text cap (4 KB): its original length in characters. */
  reasonLength: z.number().int().positive().optional(),
});
export type NewWorkflowRequest = z.infer<typeof newWorkflowRequestSchema>;

export const requestStatusSchema = z.enum(["pending", "approved", "rejected", "returned"]);
export type RequestStatus = z.infer<typeof requestStatusSchema>;

export const workflowRequestSchema = newWorkflowRequestSchema.extend({
  status: requestStatusSchema,
  decision: decisionSchema.optional(),
});
export type WorkflowRequest = z.infer<typeof workflowRequestSchema>;

/** `decided` is false when someone else decided first; `request` then shows that decision. */
export interface DecideResult {
  decided: boolean;
  request: WorkflowRequest;
}

/** Criteria for `requests.list`; every given one must match. */
export interface RequestFilter {
  taskNo?: number;
  unit?: string;
  status?: RequestStatus;
}

/** Completion and extension requests, the office's decisions on them, and its reopenings. */
export interface RequestStore {
  /** Stores a pending request; an id that exists already is a StoreConflictError. */
  create(request: NewWorkflowRequest): Promise<WorkflowRequest>;
  /** Decides a pending request, once: of two admins deciding at the same time exactly one wins. */
  decide(id: string, decision: Decision): Promise<DecideResult>;
  get(id: string): Promise<WorkflowRequest | undefined>;
  /** Matching requests in the order they were created. */
  list(filter?: RequestFilter): Promise<WorkflowRequest[]>;
}
