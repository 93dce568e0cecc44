/**
 * Where a unit stands on a task (issue 5, §5):
 * 待签收 `awaiting-ack` → 推进中 `in-progress` → 申请办结 `completion-requested` → 已办结 `completed`,
 * or, when the office returns a completion request (退回) or reopens an approved one (/reopen), back
 * to 推进中. It is derived from the store (progress records and requests), never stored, so it
 * cannot drift from them.
 */
export type WorkflowState = "awaiting-ack" | "in-progress" | "completion-requested" | "completed";
