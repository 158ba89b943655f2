import { describe, expect, it } from "vitest";
import { CliError } from "./io.js";
import { backoffMs, dueAt, MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS, nextAfterFailure, parseDuration, retryAfterMs } from "./watch-schedule.js";

describe("parseDuration", () => {
  it("reads durations as people write them", () => {
    expect(parseDuration("30s")).toBe(30_000);
    expect(parseDuration("15m")).toBe(900_000);
    expect(parseDuration("1h")).toBe(3_600_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("1.5h")).toBe(5_400_000);
    expect(parseDuration(" 2D ")).toBe(172_800_000);
    expect(parseDuration("1500ms")).toBe(1500);
  });

  it("refuses anything else with one line naming the option and the value", () => {
    for (const bad of ["", "15", "m", "15 m", "-5m", "1h-", "abc", "5x", "1e3s", "9".repeat(50) + "s"]) {
      expect(() => parseDuration(bad)).toThrow(CliError);
      expect(() => parseDuration(bad)).toThrow(`--every must be a duration such as 30s, 15m, 1h or 1h30m, not ${JSON.stringify(bad)}`);
    }
    expect(() => parseDuration("500ms")).toThrow("--every must be at least 1s, not 500ms");
    expect(() => parseDuration("8d")).toThrow("--every must be at most 7d, not 8d");
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2024-05-01T10:00:00Z");
  it("reads delta-seconds and HTTP dates, capped, and ignores what it cannot read", () => {
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Wed, 01 May 2024 10:05:00 GMT", now)).toBe(300_000);
    expect(retryAfterMs("Wed, 01 May 2024 09:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("99999999", now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});

describe("backoff", () => {
  const every = 60_000;
  it("doubles the interval per failure, within ±20% jitter, capped, never below the interval", () => {
    expect(backoffMs(1, every, () => 0.5)).toBe(120_000);
    expect(backoffMs(3, every, () => 0.5)).toBe(480_000);
    expect(backoffMs(1, every, () => 0)).toBe(96_000);
    expect(backoffMs(1, every, () => 0.999)).toBeLessThan(144_000);
    expect(backoffMs(40, every, () => 0.5)).toBe(MAX_BACKOFF_MS);
    // An interval longer than the cap is its own cap, and the jitter never brings a retry sooner than it.
    expect(backoffMs(2, 8 * 3600_000, () => 0)).toBe(8 * 3600_000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffMs(2, every)));
    expect(spread.size).toBeGreaterThan(10);
    for (const ms of spread) {
      expect(ms).toBeGreaterThanOrEqual(192_000);
      expect(ms).toBeLessThan(288_000);
    }
  });

  it("honours a Retry-After later than the backoff, and the backoff when it is later", () => {
    expect(nextAfterFailure(1000, 1, every, 3600_000, () => 0.5)).toBe(1000 + 3600_000);
    expect(nextAfterFailure(1000, 1, every, 5_000, () => 0.5)).toBe(1000 + 120_000);
  });
});

describe("dueAt", () => {
  const every = 15 * 60_000;
  it("is now for a new feed, one interval after the last good check, and the backoff's time after failures", () => {
    expect(dueAt(null, every)).toBe(0);
    const ok = { checkedAt: "2024-05-01T10:00:00.000Z", nextAt: "2024-05-01T10:15:00.000Z", failures: 0, lastError: null };
    expect(dueAt(ok, every)).toBe(Date.parse("2024-05-01T10:15:00Z"));
    // A shorter --every after a restart applies at once: the next poll is one new interval after the last check.
    expect(dueAt(ok, 60_000)).toBe(Date.parse("2024-05-01T10:01:00Z"));
    const failing = { checkedAt: "2024-05-01T10:00:00.000Z", nextAt: "2024-05-01T11:00:00.000Z", failures: 2, lastError: "HTTP 500" };
    expect(dueAt(failing, every)).toBe(Date.parse("2024-05-01T11:00:00Z"));
  });
});
