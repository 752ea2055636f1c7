import { packageTestConfig } from '../vitest.shared.ts';

// Repository-wide rules (scripts/*.test.ts), run by `npm test` like a package's tests.
export default packageTestConfig('repository', { include: ['*.test.ts'], testTimeout: 120_000 });
