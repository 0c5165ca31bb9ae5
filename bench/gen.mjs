// Deterministic inputs for `npm run bench`: every generator takes a seeded random source,
// so the same seed gives byte-identical files on every machine.
//
//   springYaml(rng, bytes)      Spring Boot application.yml: a spring.kafka section plus lots of other config
//   genericYaml(rng, bytes)     Kubernetes manifests (multi-document), no Kafka anywhere
//   producerProperties(rng, bytes)  a Java producer .properties with a large application tail
//   kafkaTs(rng, {bytes|lines}) TypeScript with KafkaJS usage among ordinary application code
//   genericTs(rng, {bytes|lines}) TypeScript without any Kafka import
//   kafkaJava(rng, {bytes|lines}) Java: a service class with producer factories among ordinary code
//   genericJava(rng, {bytes|lines}) Java without any Kafka
//   workspace(rng, n)           n mixed files (mostly non-Kafka) as [{ path, text }]

/** mulberry32: a small, well-distributed 32-bit PRNG. */
export function rngFrom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

const NOUNS = [
  'order',
  'invoice',
  'customer',
  'payment',
  'shipment',
  'catalog',
  'inventory',
  'account',
  'ledger',
  'refund',
  'coupon',
  'review',
  'session',
  'profile',
  'report',
  'audit',
  'pricing',
  'tax',
  'warehouse',
  'carrier',
];
const VERBS = [
  'load',
  'save',
  'sync',
  'validate',
  'compute',
  'resolve',
  'publish',
  'fetch',
  'merge',
  'archive',
  'render',
  'notify',
  'schedule',
  'reconcile',
];
const ADJ = ['primary', 'legacy', 'fast', 'eu', 'us', 'batch', 'realtime', 'internal', 'public', 'shadow'];
const WORDS = [
  'the',
  'service',
  'retries',
  'requests',
  'when',
  'upstream',
  'is',
  'slow',
  'and',
  'caches',
  'results',
  'for',
  'a',
  'while',
  'before',
  'giving',
  'up',
  'on',
  'stale',
  'entries',
  'ümlaut',
  'café',
];

const sentence = (r, n) => Array.from({ length: n }, () => r.pick(WORDS)).join(' ');
const ident = (r) => `${r.pick(ADJ)}${cap(r.pick(NOUNS))}`;
const cap = (s) => s[0].toUpperCase() + s.slice(1);
const pad = (n, w = 4) => String(n).padStart(w, '0');
const host = (r) => `${r.pick(NOUNS)}-${r.pick(ADJ)}.svc.cluster.local`;

/** Appends chunks from `chunk(i)` until `bytes` (UTF-8) is reached, then `tail`. */
function fill(head, chunk, bytes, tail = '') {
  const parts = [head];
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail);
  for (let i = 0; size < bytes; i++) {
    const c = chunk(i);
    parts.push(c);
    size += Buffer.byteLength(c);
  }
  parts.push(tail);
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// YAML

export function springYaml(r, bytes) {
  const head = `# ${sentence(r, 8)}
spring:
  application:
    name: orders-service
  datasource:
    url: jdbc:postgresql://db.internal:5432/orders
    username: \${DB_USER:orders}
    password: \${DB_PASSWORD}
    hikari:
      maximum-pool-size: 20
      connection-timeout: 30000
  jpa:
    open-in-view: false
    hibernate:
      ddl-auto: validate
    properties:
      hibernate.format_sql: true
      hibernate.jdbc.batch_size: 50
  kafka:
    bootstrap-servers: \${KAFKA_BOOTSTRAP:localhost:9092}
    client-id: orders
    producer:
      acks: 1 # trade durability for latency
      retries: 3
      batch-size: 32768
      compression-type: lz4
      key-serializer: org.apache.kafka.common.serialization.StringSerializer
      value-serializer: org.springframework.kafka.support.serializer.JsonSerializer
      properties:
        enable.idempotence: true
        max.in.flight.requests.per.connection: 10
        linger.ms: 5
        delivery.timeout.ms: 120000
    consumer:
      group-id: orders
      auto-offset-reset: earliest
      enable-auto-commit: false
    listener:
      ack-mode: record
management:
  endpoints:
    web:
      exposure:
        include: health,info,prometheus
  metrics:
    tags:
      application: orders-service
server:
  port: 8080
  shutdown: graceful
  compression:
    enabled: true
logging:
  level:
    root: INFO
    org.hibernate.SQL: WARN
app:
  services:
`;
  const chunk = (i) => {
    const name = `${r.pick(NOUNS)}-${pad(i)}`;
    let s = `    ${name}:
      url: https://${host(r)}:${r.int(8000, 9999)}/api/v${r.int(1, 3)}
      timeout: ${r.int(1, 30)}s
      enabled: ${r.chance(0.8)}
      description: "${sentence(r, r.int(4, 10))}"
      retry:
        max-attempts: ${r.int(1, 6)}
        backoff: ${r.int(50, 900)}ms
        multiplier: ${(1 + r.next()).toFixed(2)}
      pool:
        size: ${r.int(2, 64)}
        queue: ${r.int(10, 1000)}
      headers:
        X-Client: orders
        X-Tenant: \${TENANT:${r.pick(ADJ)}}
`;
    if (r.chance(0.5)) {
      s += `      regions:\n`;
      for (let k = r.int(1, 4); k > 0; k--)
        s += `        - ${r.pick(['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2', 'ap-south-1'])}\n`;
    }
    if (r.chance(0.3)) {
      s += `      features:\n`;
      for (let k = r.int(1, 3); k > 0; k--)
        s += `        - name: ${r.pick(VERBS)}-${r.pick(NOUNS)}\n          enabled: ${r.chance(0.5)}\n          rollout: ${r.int(0, 100)}\n`;
    }
    if (r.chance(0.15)) s += `      notes: |\n        ${sentence(r, 12)}\n        ${sentence(r, 9)}\n`;
    return s;
  };
  const tail = `---
spring:
  config:
    activate:
      on-profile: prod
  kafka:
    producer:
      acks: all
      properties:
        max.in.flight.requests.per.connection: 5
---
spring:
  config:
    activate:
      on-profile: test
  kafka:
    bootstrap-servers: localhost:9092
`;
  return fill(head, chunk, bytes, tail);
}

export function genericYaml(r, bytes) {
  const chunk = (i) => {
    const app = `${r.pick(NOUNS)}-${r.pick(ADJ)}-${pad(i)}`;
    const port = r.int(3000, 9000);
    let s = `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${r.pick(['default', 'shop', 'billing', 'platform'])}
  labels:
    app.kubernetes.io/name: ${app}
    app.kubernetes.io/part-of: shop
  annotations:
    description: "${sentence(r, r.int(4, 9))}"
spec:
  replicas: ${r.int(1, 6)}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${app}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${app}
    spec:
      containers:
        - name: ${app}
          image: registry.example.com/shop/${app}:${r.int(1, 9)}.${r.int(0, 30)}.${r.int(0, 99)}
          ports:
            - containerPort: ${port}
              protocol: TCP
          env:
`;
    for (let k = r.int(2, 6); k > 0; k--)
      s += `            - name: ${r.pick(NOUNS).toUpperCase()}_${r.pick(['URL', 'TIMEOUT', 'MODE', 'LEVEL', 'SIZE'])}\n              value: "${r.pick(ADJ)}-${r.int(1, 999)}"\n`;
    s += `          resources:
            requests:
              cpu: ${r.int(50, 900)}m
              memory: ${r.int(64, 1024)}Mi
            limits:
              memory: ${r.int(256, 4096)}Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: ${port}
            periodSeconds: ${r.int(5, 30)}
---
apiVersion: v1
kind: Service
metadata:
  name: ${app}
spec:
  selector:
    app.kubernetes.io/name: ${app}
  ports:
    - port: 80
      targetPort: ${port}
`;
    if (r.chance(0.3))
      s += `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}-config\ndata:\n  settings.json: |\n    { "mode": "${r.pick(ADJ)}", "limit": ${r.int(1, 500)} }\n  greeting: '${sentence(r, 5)}'\n`;
    return s;
  };
  return fill(`# ${sentence(r, 6)}\n`, chunk, bytes);
}

// ---------------------------------------------------------------------------------------------
// .properties

export function producerProperties(r, bytes) {
  const head = `# Producer configuration for the orders service
# ${sentence(r, 8)}
bootstrap.servers=broker-1.internal:9092,broker-2.internal:9092,broker-3.internal:9092
client.id=orders-producer
enable.idempotence=true
acks=1
retries=3
max.in.flight.requests.per.connection=6
linger.ms=5
batch.size=32768
compression.type=lz4
key.serializer=org.apache.kafka.common.serialization.StringSerializer
value.serializer=org.apache.kafka.common.serialization.ByteArraySerializer
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
    username="orders" \\
    password="\${file:/etc/secrets/kafka.properties:password}";
ssl.endpoint.identification.algorithm=https

`;
  const chunk = (i) => {
    const p = `app.${r.pick(NOUNS)}.${r.pick(ADJ)}-${pad(i)}`;
    let s = `# ${sentence(r, r.int(3, 9))}\n`;
    s += `${p}.url=https://${host(r)}:${r.int(8000, 9999)}/api\n`;
    s += `${p}.timeout.ms = ${r.int(100, 30000)}\n`;
    s += `${p}.enabled: ${r.chance(0.7)}\n`;
    s += `${p}.label=${r.chance(0.2) ? 'Caf\\u00e9 ' : ''}${sentence(r, r.int(2, 6))}\n`;
    if (r.chance(0.25)) s += `${p}.hosts=${host(r)},\\\n    ${host(r)},\\\n    ${host(r)}\n`;
    if (r.chance(0.2)) s += `! ${sentence(r, 4)}\n${p}.path\\ with\\ spaces=C:\\\\data\\\\${r.pick(NOUNS)}\n`;
    return s;
  };
  return fill(head, chunk, bytes);
}

// ---------------------------------------------------------------------------------------------
// TypeScript

/** Ordinary application code: types, classes, functions; no Kafka. About 40-60 lines. */
function tsChunk(r, i) {
  const N = cap(r.pick(NOUNS));
  const T = `${N}${pad(i)}`;
  const v = r.pick(VERBS);
  return `
export interface ${T}Record {
  id: string;
  createdAt: Date;
  amount: number;
  tags: readonly string[];
  status: '${r.pick(ADJ)}' | 'pending' | 'done';
  meta?: Record<string, unknown>;
}

/** ${sentence(r, r.int(5, 12))} */
export class ${T}Service {
  private readonly cache = new Map<string, ${T}Record>();
  constructor(private readonly baseUrl = 'https://${host(r)}', private readonly limit = ${r.int(10, 500)}) {}

  async ${v}(id: string): Promise<${T}Record | undefined> {
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.createdAt.getTime() < ${r.int(1000, 60000)}) return hit;
    const res = await fetch(\`\${this.baseUrl}/${r.pick(NOUNS)}s/\${encodeURIComponent(id)}\`);
    if (!res.ok) throw new Error(\`${v} failed: \${res.status}\`);
    const body = (await res.json()) as ${T}Record;
    this.cache.set(id, { ...body, createdAt: new Date(body.createdAt) });
    return body;
  }

  total(records: ${T}Record[]): number {
    let sum = 0;
    for (const rec of records) {
      switch (rec.status) {
        case 'pending':
          sum += rec.amount * ${(r.next() * 2).toFixed(3)};
          break;
        case 'done':
          sum += rec.amount;
          break;
        default:
          sum -= ${r.int(0, 9)};
      }
    }
    return Math.round(sum * 100) / 100;
  }
}

export const ${v}${T} = <K extends keyof ${T}Record>(xs: ${T}Record[], key: K): Array<${T}Record[K]> =>
  xs.filter((x) => x.tags.includes('${r.pick(ADJ)}') && x.amount > ${r.int(0, 1000)}).map((x) => x[key]);

export function ${r.pick(VERBS)}${T}Config(env: NodeJS.ProcessEnv = process.env) {
  return {
    url: env.${N.toUpperCase()}_URL ?? 'http://localhost:${r.int(3000, 9000)}',
    retries: Number(env.${N.toUpperCase()}_RETRIES ?? ${r.int(0, 9)}),
    label: "${sentence(r, r.int(2, 6))}",
  } as const;
}
`;
}

/** A KafkaJS producer use, placed among the other code every so often. */
function kafkaSend(r, i) {
  return `
export async function publish${pad(i)}(payload: unknown): Promise<void> {
  await producer.send({
    topic: '${r.pick(NOUNS)}-events',
    acks: ${r.pick(['-1', '1', '0', '-1'])},
    compression: CompressionTypes.GZIP,
    messages: [{ key: '${r.pick(NOUNS)}', value: JSON.stringify(payload) }],
  });
}
`;
}

const KAFKA_TS_HEAD = `import { Kafka, CompressionTypes, logLevel, type Producer } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');

export const kafka = new Kafka({ clientId: 'orders', brokers, logLevel: logLevel.WARN, retry: { retries: 8 } });

const producerDefaults = { allowAutoTopicCreation: false, transactionTimeout: 30000 };

export const producer: Producer = kafka.producer({
  ...producerDefaults,
  idempotent: true,
  maxInFlightRequests: 10,
  retry: { retries: 0 },
});

export const txProducer = kafka.producer({ transactionalId: 'orders-tx', maxInFlightRequests: 1, idempotent: true });

export async function publishInTransaction(items: Array<{ key: string; value: string }>): Promise<void> {
  const tx = await txProducer.transaction();
  try {
    await tx.send({ topic: 'orders', acks: 1, messages: items });
    await tx.commit();
  } catch (e) {
    await tx.abort();
    throw e;
  }
}
`;

function tsFile(r, { bytes, lines }, head, extra) {
  const parts = [head];
  let size = Buffer.byteLength(head);
  let n = head.split('\n').length - 1;
  for (let i = 0; bytes ? size < bytes : n < lines; i++) {
    let c = tsChunk(r, i);
    if (extra && i % 8 === 7) c += extra(r, i);
    parts.push(c);
    size += Buffer.byteLength(c);
    n += c.split('\n').length - 1;
  }
  let text = parts.join('');
  if (lines) text = text.split('\n').slice(0, lines).join('\n') + '\n';
  return text;
}

/** `lines` cuts the file at exactly that many lines (it may end inside a declaration; the parser copes). */
export function kafkaTs(r, size) {
  return tsFile(r, size, KAFKA_TS_HEAD, kafkaSend);
}

export function genericTs(r, size) {
  return tsFile(r, size, `import { readFile } from 'node:fs/promises';\nimport * as path from 'node:path';\n`);
}

// ---------------------------------------------------------------------------------------------
// Java

/** Ordinary Java code: a nested record, a few methods with loops and collections; no Kafka. About 40 lines. */
function javaChunk(r, i) {
  const N = cap(r.pick(NOUNS));
  const T = `${N}${pad(i)}`;
  const v = r.pick(VERBS);
  return `
    /** ${sentence(r, r.int(5, 12))} */
    public record ${T}Record(String id, long createdAt, double amount, List<String> tags) {}

    private final Map<String, ${T}Record> ${v}${T}Cache = new HashMap<>();

    public Optional<${T}Record> ${v}${T}(String id) {
        ${T}Record hit = ${v}${T}Cache.get(id);
        if (hit != null && System.currentTimeMillis() - hit.createdAt() < ${r.int(1000, 60000)}L) {
            return Optional.of(hit);
        }
        String url = "https://${host(r)}/${r.pick(NOUNS)}s/" + id;
        for (int attempt = 0; attempt < ${r.int(1, 9)}; attempt++) {
            if (url.length() > ${r.int(10, 500)} && attempt % 2 == 0) {
                continue;
            }
            ${v}${T}Cache.put(id, new ${T}Record(id, System.currentTimeMillis(), ${(r.next() * 100).toFixed(2)}, List.of("${r.pick(ADJ)}")));
        }
        return Optional.ofNullable(${v}${T}Cache.get(id));
    }

    public double total${T}(List<${T}Record> records) {
        double sum = 0;
        for (${T}Record rec : records) {
            switch (rec.tags().size()) {
                case 0 -> sum += rec.amount() * ${(r.next() * 2).toFixed(3)};
                case 1 -> sum += rec.amount();
                default -> sum -= ${r.int(0, 9)};
            }
        }
        return Math.round(sum * 100) / 100.0;
    }
`;
}

/** A producer built from a Properties map, as a factory method among the other code. */
function javaProducer(r, i) {
  return `
    public KafkaProducer<String, String> ${r.pick(NOUNS)}Producer${pad(i)}() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "${host(r)}:9092");
        props.put(ProducerConfig.ACKS_CONFIG, "${r.pick(['all', '1', 'all', '-1'])}");
        props.put(ProducerConfig.LINGER_MS_CONFIG, ${r.int(0, 50)});
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, ${r.int(1, 5)});
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
`;
}

function javaFile(r, { bytes, lines }, head, extra) {
  const parts = [head];
  let size = Buffer.byteLength(head);
  let n = head.split('\n').length - 1;
  for (let i = 0; bytes ? size < bytes : n < lines - 1; i++) {
    let c = javaChunk(r, i);
    if (extra && i % 8 === 7) c += extra(r, i);
    parts.push(c);
    size += Buffer.byteLength(c);
    n += c.split('\n').length - 1;
  }
  let text = parts.join('');
  if (lines)
    text = text
      .split('\n')
      .slice(0, lines - 1)
      .join('\n');
  return `${text}\n}\n`;
}

const JAVA_IMPORTS = 'package com.example.orders;\n\nimport java.util.*;\n';

/** `lines`: about that many lines (the class is closed after the last whole chunk). */
export function kafkaJava(r, size) {
  const head = `${JAVA_IMPORTS}import org.apache.kafka.clients.producer.KafkaProducer;\nimport org.apache.kafka.clients.producer.ProducerConfig;\nimport org.apache.kafka.common.serialization.StringSerializer;\n\npublic class OrderService {\n`;
  return javaFile(r, size, head, javaProducer);
}

export function genericJava(r, size) {
  return javaFile(r, size, `${JAVA_IMPORTS}\npublic class OrderService {\n`);
}

// ---------------------------------------------------------------------------------------------
// a workspace of mixed files

/**
 * `n` files: 45% TS (1 in 20 uses KafkaJS), 25% YAML (1 in 20 a Spring Boot config with
 * a kafka section), 10% .properties (1 in 7 a producer config), 20% files the linter does
 * not read (.json, .md). Sizes 0.5-12 KB.
 */
export function workspace(r, n) {
  const files = [];
  for (let i = 0; i < n; i++) {
    const dir = `pkg-${pad(Math.floor(i / 100), 3)}`;
    const roll = r.next();
    if (roll < 0.45) {
      const kafka = r.chance(0.05);
      const bytes = r.int(1000, 12000);
      files.push({
        path: `${dir}/src/${kafka ? 'kafka' : 'mod'}-${pad(i, 5)}.ts`,
        text: kafka ? kafkaTs(r, { bytes }) : genericTs(r, { bytes }),
        kind: 'ts',
        kafka,
      });
    } else if (roll < 0.7) {
      const kafka = r.chance(0.05);
      const bytes = r.int(800, 10000);
      files.push({
        path: `${dir}/${kafka ? 'config/application' : 'deploy/k8s'}-${pad(i, 5)}.yml`,
        text: kafka ? springYaml(r, bytes) : genericYaml(r, bytes),
        kind: 'yaml',
        kafka,
      });
    } else if (roll < 0.8) {
      const kafka = r.chance(1 / 7);
      const bytes = r.int(500, 4000);
      const text = kafka ? producerProperties(r, bytes) : producerProperties(r, bytes).split('\n').slice(20).join('\n');
      files.push({ path: `${dir}/conf/${kafka ? 'producer' : 'app'}-${pad(i, 5)}.properties`, text, kind: 'properties', kafka });
    } else if (roll < 0.9) {
      files.push({
        path: `${dir}/data-${pad(i, 5)}.json`,
        text: JSON.stringify({ name: ident(r), items: Array.from({ length: r.int(5, 60) }, () => r.int(0, 1e6)) }, null, 2),
        kind: 'other',
        kafka: false,
      });
    } else {
      files.push({
        path: `${dir}/NOTES-${pad(i, 5)}.md`,
        text: `# ${ident(r)}\n\n${sentence(r, r.int(20, 200))}\n`,
        kind: 'other',
        kafka: false,
      });
    }
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// shapes that were quadratic (figure 4's second part)

/** JSON saved as YAML: one line, many keys, a Spring producer at the end. */
export function oneLineYaml(r, bytes) {
  const parts = ['{'];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const c = `"${ident(r)}${i}": ${r.chance(0.5) ? `"${sentence(r, 2)}"` : r.int(0, 99999)}, `;
    parts.push(c);
    size += Buffer.byteLength(c);
  }
  parts.push('"spring": {"kafka": {"producer": {"acks": 1}}}}');
  return parts.join('');
}

/** A large build.gradle: thousands of declarations, kafka-clients among them, variables and comments. */
export function largeGradle(r, bytes) {
  const head = `plugins {\n    id 'java'\n}\n\next {\n    kafkaVersion = '3.${r.int(0, 9)}.0'\n}\n\ndependencies {\n`;
  const chunk = (i) => {
    const k = r.int(0, 5);
    if (k === 0) return `    implementation "org.apache.kafka:kafka-clients:\${kafkaVersion}"\n`;
    if (k === 1)
      return `    implementation group: 'com.example.${r.pick(NOUNS)}', name: '${r.pick(NOUNS)}-${i}', version: '1.${r.int(0, 20)}.${r.int(0, 9)}'\n`;
    if (k === 2) return `    // ${sentence(r, 6)}\n    testImplementation("org.example:${r.pick(NOUNS)}-test:2.${r.int(0, 9)}")\n`;
    return `    implementation '${r.pick(['com', 'org', 'io'])}.${r.pick(NOUNS)}:${r.pick(ADJ)}-${r.pick(NOUNS)}:${r.int(1, 9)}.${r.int(0, 30)}.${r.int(0, 9)}'\n`;
  };
  return fill(head, chunk, bytes, '}\n');
}

/** A .properties producer config whose first comment is a long run of directive words. */
export function directiveRun(r, bytes) {
  const tail = '\nbootstrap.servers=localhost:9092\nacks=1\n';
  // the comment is a directive (its first word), then a long list of words: mostly the same unknown id, some others
  const parts = ['# kafka-idempotence-disable '];
  let size = parts[0].length + Buffer.byteLength(tail);
  while (size < bytes) {
    const w = r.chance(0.9) ? 'kafka-idempotence-disable ' : `${r.pick(NOUNS)}-${r.int(0, 9)} `;
    parts.push(w);
    size += w.length;
  }
  parts.push(tail);
  return parts.join('');
}
