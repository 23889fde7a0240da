/**
 * Rejected rows: the closed set of reasons, and the one list that counts and keeps them. A leaf, like
 * the CSV kernel: the workers, the sources and the store all build on it.
 */
export { RejectCode, kRejectCodeCount, rejectReason } from './codes.js';
export { RejectList, type RejectColumns, type RejectRow, type RejectTransfer } from './reject-list.js';
