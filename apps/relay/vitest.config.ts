import { packageTestConfig } from '../../vitest.shared.ts';

export default packageTestConfig('relay', { testTimeout: 60_000 });
