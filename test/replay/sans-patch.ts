/**
 * @temporalio/workflow as a change made WITHOUT patched() would see it: every patch taken, even when replaying a
 * history recorded before it. Bundled in place of the SDK's module by the replay test.
 */
export * from '@temporalio/workflow/lib/index.js';
export const patched = (_patchId: string): boolean => true;
