/** Every oracle `npm run oracles` and the `oracles` test suite run, in this order. */
import type { Oracle } from './common';
import { KAFKA_CLIENTS_ORACLES } from './kafkaClients';
import { STREAMS_ORACLES } from './streams';
import { CONNECT_ORACLES } from './connect';
import { SPRING_BOOT_ORACLES } from './springBoot';
import { SCS_ORACLES } from './springCloudStream';
import { JAVA_SOURCE_ORACLES } from './javaSource';
import { SMALLRYE_ORACLES } from './smallrye';

export const ORACLES: Oracle[] = [
  ...KAFKA_CLIENTS_ORACLES,
  ...STREAMS_ORACLES,
  ...CONNECT_ORACLES,
  ...SPRING_BOOT_ORACLES,
  ...SCS_ORACLES,
  ...SMALLRYE_ORACLES,
  ...JAVA_SOURCE_ORACLES,
];
