import { packageE2eConfig } from '../../vitest.shared';

export default packageE2eConfig('viewer');
