// The test door of @gavel/db (`@gavel/db/testing`): a fresh migrated database per test file, the two
// drivers the core suites run on, and the tables, so a test can assert on rows directly. Application
// code imports only from '@gavel/db', where queries are functions and the tables stay inside.
export * from '../schema';
export { createTestDatabase, type TestDatabase } from '../testDatabase';
export { type TestDriver, testDrivers } from './drivers';
export { decisionRow, emailNotice, SIX_MONTHS_MS, uniqueId } from './rows';
