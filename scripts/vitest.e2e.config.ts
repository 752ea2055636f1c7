import { packageE2eConfig } from '../vitest.shared.ts';

// The consumer test (consumer/*.e2e.test.ts): packs and installs every package outside the repository.
export default packageE2eConfig('repository', { include: ['consumer/*.e2e.test.ts'] });
