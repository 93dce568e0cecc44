import type Database from "better-sqlite3";
import { capStoredText } from "../cap-stored-text.js";
import { RecordNotFoundError, StoreConflictError } from "../store-errors.js";
import { validateInput } from "../validate-input.js";
import {
  type DecideResult,
  type Decision,
  decisionSchema,
  type NewWorkflowRequest,
  newWorkflowRequestSchema,
  type RequestFilter,
  type RequestStore,
  type WorkflowRequest,
} from "../workflow-request.js";
import { statementCache } from "./statement-cache.js";

/** Workflow requests as rows; a decision is a conditional update inside a write transaction. */
export class SqliteRequests implements RequestStore {
  private readonly insert: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly decideTx: (id: string, decision: Decision) => DecideResult;
  private readonly statement: (sql: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.statement = statementCache(db);
    this.insert = db.prepare(
      "INSERT INTO requests (id, task_no, unit, status, json) VALUES (@id, @taskNo, @unit, @status, @json) " +
        "ON CONFLICT (id) DO NOTHING",
    );
    this.byId = db.prepare("SELECT json FROM requests WHERE id = ?").pluck();
    const update = db.prepare("UPDATE requests SET status = ?, json = ? WHERE id = ? AND status = 'pending'");
    const tx = db.transaction((id: string, decision: Decision): DecideResult => {
      const current = this.read(id);
      if (current === undefined) throw new RecordNotFoundError(`requests.decide: no request with id ${id}`);
      if (current.status !== "pending") return { decided: false, request: current };
      const request: WorkflowRequest = { ...current, status: decision.decision, decision };
      update.run(request.status, JSON.stringify(request), id);
      return { decided: true, request };
    });
    this.decideTx = (id, decision) => tx.immediate(id, decision);
  }

  async create(request: NewWorkflowRequest): Promise<WorkflowRequest> {
    const stored: WorkflowRequest = {
      ...capStoredText(validateInput(newWorkflowRequestSchema, request, "requests.create")),
      status: "pending",
    };
    if (!this.insertSync(stored)) {
      throw new StoreConflictError(
        `requests.create: a request with id ${stored.id} exists already; use a new id.`,
      );
    }
    return stored;
  }

  async decide(id: string, decision: Decision): Promise<DecideResult> {
    return this.decideTx(id, validateInput(decisionSchema, decision, "requests.decide"));
  }

  async get(id: string): Promise<WorkflowRequest | undefined> {
    return this.read(id);
  }

  async list(filter: RequestFilter = {}): Promise<WorkflowRequest[]> {
    return this.listSync(filter);
  }

  private listSync(filter: RequestFilter): WorkflowRequest[] {
    const where: string[] = [];
    if (filter.taskNo !== undefined) where.push("task_no = @taskNo");
    if (filter.unit !== undefined) where.push("unit = @unit");
    if (filter.status !== undefined) where.push("status = @status");
    const sql = `SELECT json FROM requests ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq`;
    const rows = this.statement(sql).pluck().all(filter) as string[];
    return rows.map((json) => JSON.parse(json) as WorkflowRequest);
  }

  dumpSync(): WorkflowRequest[] {
    return this.listSync({});
  }

  restoreSync(requests: WorkflowRequest[]): void {
    for (const request of requests) this.insertSync(request);
  }

  private insertSync(request: WorkflowRequest): boolean {
    const { id, taskNo, unit, status } = request;
    return this.insert.run({ id, taskNo, unit, status, json: JSON.stringify(request) }).changes === 1;
  }

  private read(id: string): WorkflowRequest | undefined {
    const json = this.byId.get(id) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as WorkflowRequest);
  }
}
