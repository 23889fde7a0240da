/**
 * Adding the account of newly read rows (an appended range) to a source's stored account.
 */
import { RejectList, type SourceReport } from './report.js';

export function mergeReports(stored: SourceReport, delta: SourceReport, maxRejectDetails: number): SourceReport {
  const checks = stored.checks.map((c) => ({ ...c }));
  for (const check of delta.checks) {
    const existing = checks.find((c) => c.check === check.check);
    if (existing !== undefined) existing.rows += check.rows;
    else checks.push({ ...check });
  }
  const rejects = new RejectList();
  rejects.append(stored.rejects);
  const added = rejects.append(delta.rejects, Math.max(0, maxRejectDetails - stored.rejects.length));
  return {
    name: stored.name,
    role: stored.role,
    read: stored.read + delta.read,
    accepted: stored.accepted + delta.accepted,
    rejectedByCode: stored.rejectedByCode.map((n, code) => n + (delta.rejectedByCode[code] ?? 0)),
    checks,
    rejects,
    rejectsNotKept: stored.rejectsNotKept + delta.rejectsNotKept + (delta.rejects.length - added),
  };
}
