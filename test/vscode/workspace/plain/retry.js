// A retry helper: no Kafka here, although it speaks of acks and retries
const defaults = { retries: 0, acks: 1, idempotent: true };

function send(request, options = defaults) {
  return request({ ...options, acks: options.acks });
}

module.exports = { send, defaults };
