import { packageE2eConfig } from '../../vitest.shared.ts';

export default packageE2eConfig('relay');
