import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('relay', { testTimeout: 60_000 });
