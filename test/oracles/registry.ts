/** Every oracle `npm run oracles` and the `oracles` test suite run, in this order. */
import type { Oracle } from './common';
import { KAFKA_CLIENTS_ORACLES } from './kafkaClients';
import { SPRING_BOOT_ORACLES } from './springBoot';
import { SCS_ORACLES } from './springCloudStream';

export const ORACLES: Oracle[] = [...KAFKA_CLIENTS_ORACLES, ...SPRING_BOOT_ORACLES, ...SCS_ORACLES];
