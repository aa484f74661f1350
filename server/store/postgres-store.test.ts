/** PostgreSQL store details that the contract suite does not cover (errors that count as unavailable). */
import { describe, expect, it } from "vitest";
import { isConnectionError, isUnavailableError } from "./postgres-store";

/** An error as pg or Node's net module makes it: a message and a code (errno name or SQLSTATE). */
function pgError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

describe("isConnectionError: which errors mean PostgreSQL is unreachable, so the request may be sent again", () => {
  it.each([
    ["refused (server down)", pgError("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["reset", pgError("read ECONNRESET", "ECONNRESET")],
    ["TCP timeout", pgError("connect ETIMEDOUT", "ETIMEDOUT")],
    ["pool's connection timeout", pgError("timeout exceeded when trying to connect")],
    ["connection cut mid-query", pgError("Connection terminated unexpectedly")],
    ["connection cut while connecting", pgError("Connection terminated due to connection timeout")],
    ["server stopped answering (query_timeout)", pgError("Query read timeout")],
    ["client already broken", pgError("Client has encountered a connection error and is not queryable")],
    ["admin shutdown (fast stop)", pgError("terminating connection due to administrator command", "57P01")],
    ["crash shutdown", pgError("terminating connection because of crash of another server process", "57P02")],
    ["starting up", pgError("the database system is starting up", "57P03")],
    ["too many connections", pgError("sorry, too many clients already", "53300")],
    ["class 08: connection failure", pgError("connection failure", "08006")],
    ["class 08: cannot connect", pgError("could not connect", "08001")],
    ["every address refused", new AggregateError([pgError("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], "")],
  ])("%s is an outage", (_, error) => {
    expect(isConnectionError(error)).toBe(true);
  });

  it.each([
    ["unique violation", pgError("duplicate key value violates unique constraint", "23505")],
    ["foreign key violation", pgError("insert or update violates foreign key constraint", "23503")],
    ["undefined table", pgError('relation "ballots" does not exist', "42P01")],
    ["syntax error", pgError("syntax error at or near", "42601")],
    ["bad timestamp", pgError("invalid input syntax for type timestamp with time zone", "22007")],
    ["deadlock (retried, not an outage)", pgError("deadlock detected", "40P01")],
    ["statement timeout", pgError("canceling statement due to statement timeout", "57014")],
    ["a plain bug", new TypeError("Do not know how to serialize a BigInt")],
    ["not an Error", "ECONNREFUSED"],
  ])("%s passes through", (_, error) => {
    expect(isConnectionError(error)).toBe(false);
  });
});

describe("isUnavailableError: which errors mean the request may be sent again", () => {
  it.each([
    ["an outage", pgError("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["disk full", pgError("could not extend file: No space left on device", "53100")],
    ["out of memory", pgError("out of memory", "53200")],
    ["I/O error", pgError("could not write to file", "58030")],
    ["read-only (a standby)", pgError("cannot execute INSERT in a read-only transaction", "25006")],
  ])("%s: send the same again", (_, error) => {
    expect(isUnavailableError(error)).toBe(true);
  });

  it.each([
    ["unique violation", pgError("duplicate key value violates unique constraint", "23505")],
    ["check violation", pgError("new row violates check constraint", "23514")],
    ["a plain bug", new TypeError("Do not know how to serialize a BigInt")],
    ["a SQLSTATE as a plain string", "53100"],
  ])("%s passes through", (_, error) => {
    expect(isUnavailableError(error)).toBe(false);
  });
});
