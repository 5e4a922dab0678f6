// The review API's payloads (portal, console), one file per idea.

export * from './accountPage';
export * from './casePage';
export * from './dashboard';
export * from './portal';
export * from './queue';
export * from './reviewers';
