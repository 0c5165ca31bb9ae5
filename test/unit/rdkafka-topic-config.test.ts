/**
 * The node-rdkafka topic-config model, against the real librdkafka (Debian's librdkafka-dev,
 * C++ API, the one the Node bindings wrap).
 *
 * node-rdkafka builds an RdKafka::Conf from its first argument and one from its second,
 * always sets the second as `default_topic_conf` (lib/client.js passes `topicConf || {}`),
 * then creates the producer in connect(). confluent-kafka-javascript sets `default_topic_conf`
 * only when a second argument is given. A C++ probe does exactly that for each case; librdkafka
 * refuses an idempotent producer whose effective `acks` is not all. The linter's block must
 * hold the same effective `acks`: discarded from the global object when a topic config replaces it.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { service as S } from '../support/service';

const PROBE = String.raw`
#include <librdkafka/rdkafkacpp.h>
#include <iostream>
#include <cstring>
// librdkafka's log, without the connection failures to the bootstrap server 127.0.0.1:1, which is
// unreachable on purpose (its broker thread may try it before the producer is deleted): anything
// else librdkafka logs still reaches stderr
class Log : public RdKafka::EventCb {
 public:
  void event_cb(RdKafka::Event &e) {
    if (e.type() != RdKafka::Event::EVENT_LOG) return;
    if (e.fac() == "FAIL" && e.str().find("127.0.0.1:1") != std::string::npos) return;
    std::cerr << "librdkafka log " << e.severity() << " " << e.fac() << ": " << e.str() << std::endl;
  }
};
// usage: probe [--topic] G:key=value... T:key=value...
int main(int argc, char **argv) {
  std::string err;
  Log log;
  RdKafka::Conf *g = RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL);
  RdKafka::Conf *t = RdKafka::Conf::create(RdKafka::Conf::CONF_TOPIC);
  if (g->set("event_cb", &log, err) != RdKafka::Conf::CONF_OK) { std::cout << "event-cb-failed " << err << std::endl; return 0; }
  bool topic = false;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--topic") { topic = true; continue; }
    size_t eq = a.find('=');
    std::string k = a.substr(2, eq - 2), v = a.substr(eq + 1);
    RdKafka::Conf *c = a[0] == 'G' ? g : t;
    if (c->set(k, v, err) != RdKafka::Conf::CONF_OK) { std::cout << "set-failed " << err << std::endl; return 0; }
  }
  if (topic && g->set("default_topic_conf", t, err) != RdKafka::Conf::CONF_OK) { std::cout << "topic-failed " << err << std::endl; return 0; }
  RdKafka::Producer *p = RdKafka::Producer::create(g, err);
  if (p) { std::cout << "accepted" << std::endl; delete p; } else std::cout << "refused " << err << std::endl;
  return 0;
}
`;

function compileProbe(dir: string): string {
  for (const tool of ['g++']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
      throw new Error(`${tool} is needed (Debian: g++ librdkafka-dev; \`npm test\` installs them)`);
  }
  const src = path.join(dir, 'probe.cpp');
  const bin = path.join(dir, 'probe');
  writeFileSync(src, PROBE);
  execFileSync('g++', ['-O0', src, '-o', bin, '-lrdkafka++', '-lrdkafka']);
  return bin;
}

type V = number | string | undefined;

test('effective acks of node-rdkafka-style producers agree with librdkafka', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kil-rdk-'));
  try {
    const probe = compileProbe(dir);
    const GLOBAL: V[] = [undefined, 0, 1, -1, 'all'];
    const TOPIC: V[] = [undefined, 1, -1];
    let n = 0;
    for (const api of ['node-rdkafka', '@confluentinc/kafka-javascript'] as const) {
      for (const withTopic of [false, true]) {
        for (const ga of GLOBAL) {
          for (const ta of withTopic ? TOPIC : [undefined]) {
            for (const alias of ['acks', 'request.required.acks']) {
              const js = (v: V) => (typeof v === 'string' ? `'${v}'` : String(v));
              const global = [
                `'bootstrap.servers': '127.0.0.1:1'`,
                `'enable.idempotence': true`,
                ...(ga === undefined ? [] : [`'${alias}': ${js(ga)}`]),
              ];
              const topic = ta === undefined ? [] : [`acks: ${js(ta)}`];
              const text = `const Kafka = require('${api}');\nconst producer = new Kafka.Producer({ ${global.join(', ')} }${withTopic ? `, { ${topic.join(', ')} }` : ''});\n`;
              const block = S.lint({ fileName: 'p.js', text }, S.DEFAULT_SETTINGS).blocks[0];
              assert.ok(block, text);
              const acks = block.values.get('acks')?.value;
              const lintRefuses = acks !== undefined && acks !== '-1' && acks !== 'all';
              // node-rdkafka always installs a topic config; confluent-kafka-javascript only when given
              const installsTopic = api === 'node-rdkafka' || withTopic;
              const args = [
                'G:bootstrap.servers=127.0.0.1:1',
                'G:enable.idempotence=true',
                ...(ga === undefined ? [] : [`G:${alias}=${ga}`]),
                ...(ta === undefined ? [] : [`T:acks=${ta}`]),
                ...(installsTopic ? ['--topic'] : []),
              ];
              const out = execFileSync(probe, args, { encoding: 'utf8' }).trim();
              assert.match(out, /^(accepted|refused)/, out);
              const refused = out.startsWith('refused');
              assert.equal(lintRefuses, refused, `${text}linter acks=${acks}; librdkafka: ${out}`);
              if (refused) assert.match(out, /`acks` must be set to `all` when `enable.idempotence` is true/);
              n++;
            }
          }
        }
      }
    }
    console.log(`node-rdkafka topic-config model: ${n}/${n} cases agree with librdkafka (effective acks of an idempotent producer)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
