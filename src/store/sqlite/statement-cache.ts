import type Database from "better-sqlite3";

/**
 * Prepares each SQL text once per database: a query built from a filter has only a few shapes,
 * and preparing one costs more than running it on the store's small tables (the standings list
 * each task's requests, the sweep reads the mutes several times a day).
 */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const prepared = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = prepared.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
}
