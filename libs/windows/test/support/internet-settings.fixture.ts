import { readInternetSettings } from '../../src/proxy/read-internet-settings';

console.log(JSON.stringify(readInternetSettings()));
