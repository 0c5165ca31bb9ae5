/*
 * rdkcheck: asks the real librdkafka whether it accepts producer configurations.
 * Part of the differential test of Kafka Idempotence Lint (test/support/rdk/oracle.ts).
 *
 * stdin, one record per line, fields separated by TAB; in fields `\\`, `\t`,
 * `\n` and `\r` stand for backslash, TAB, LF and CR:
 *   G <key> <value>   rd_kafka_conf_set() on the global configuration
 *   T <key> <value>   rd_kafka_topic_conf_set() on a separate topic configuration
 *   D                 install that topic configuration with
 *                     rd_kafka_conf_set_default_topic_conf() before rd_kafka_new()
 *                     (otherwise it is passed to rd_kafka_topic_new())
 *   E                 end of one configuration: run it
 * stdout: first `V <librdkafka version>`, then per configuration
 *   S <n> <errstr>    the n-th G/T record (0-based) was refused by *_conf_set()
 *   N <errstr>        rd_kafka_new(RD_KAFKA_PRODUCER) failed
 *   P <errstr>        rd_kafka_topic_new() failed (librdkafka only logs the reason:
 *                     the TOPICCONF log line is captured through log_cb)
 *   R ok|refused
 *   .
 * No broker is contacted before the checks: bootstrap.servers is 127.0.0.1:1 and
 * the handle is destroyed right after creation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <librdkafka/rdkafka.h>

static char topic_err[1024];
static int topic_err_set;

static void unescape(char *s) {
        char *d = s;
        for (; *s; s++) {
                if (*s == '\\' && s[1]) {
                        s++;
                        switch (*s) {
                        case 't': *d++ = '\t'; break;
                        case 'n': *d++ = '\n'; break;
                        case 'r': *d++ = '\r'; break;
                        default: *d++ = *s; break;
                        }
                } else {
                        *d++ = *s;
                }
        }
        *d = '\0';
}

static void put_escaped(const char *s) {
        for (; *s; s++) {
                switch (*s) {
                case '\\': fputs("\\\\", stdout); break;
                case '\t': fputs("\\t", stdout); break;
                case '\n': fputs("\\n", stdout); break;
                case '\r': fputs("\\r", stdout); break;
                default: putchar(*s);
                }
        }
}

static void log_cb(const rd_kafka_t *rk, int level, const char *fac, const char *buf) {
        (void)rk;
        (void)level;
        /* only the calling thread logs TOPICCONF, from rd_kafka_topic_new() */
        if (strcmp(fac, "TOPICCONF") == 0 && !topic_err_set) {
                snprintf(topic_err, sizeof(topic_err), "%s", buf);
                topic_err_set = 1;
        }
}

struct kv {
        char scope; /* 'G' or 'T' */
        char *key;
        char *value;
};

static void run(struct kv *kvs, size_t n, int topic_as_default) {
        char errstr[1024];
        int refused = 0;
        size_t i;
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        rd_kafka_topic_conf_t *tconf = NULL;
        rd_kafka_t *rk;

        rd_kafka_conf_set(conf, "bootstrap.servers", "127.0.0.1:1", NULL, 0);
        rd_kafka_conf_set(conf, "log_level", "3", NULL, 0);
        rd_kafka_conf_set_log_cb(conf, log_cb);

        for (i = 0; i < n; i++) {
                rd_kafka_conf_res_t res;
                errstr[0] = '\0';
                if (kvs[i].scope == 'T') {
                        if (!tconf)
                                tconf = rd_kafka_topic_conf_new();
                        res = rd_kafka_topic_conf_set(tconf, kvs[i].key, kvs[i].value, errstr, sizeof(errstr));
                } else {
                        res = rd_kafka_conf_set(conf, kvs[i].key, kvs[i].value, errstr, sizeof(errstr));
                }
                if (res != RD_KAFKA_CONF_OK) {
                        refused = 1;
                        printf("S\t%zu\t", i);
                        put_escaped(errstr);
                        putchar('\n');
                }
        }
        if (tconf && topic_as_default) {
                rd_kafka_conf_set_default_topic_conf(conf, tconf);
                tconf = NULL;
        }

        errstr[0] = '\0';
        rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk) {
                refused = 1;
                rd_kafka_conf_destroy(conf);
                if (tconf)
                        rd_kafka_topic_conf_destroy(tconf);
                fputs("N\t", stdout);
                put_escaped(errstr);
                putchar('\n');
        } else {
                rd_kafka_topic_t *rkt;
                topic_err_set = 0;
                topic_err[0] = '\0';
                rkt = rd_kafka_topic_new(rk, "t", tconf); /* takes ownership of tconf */
                if (!rkt) {
                        refused = 1;
                        fputs("P\t", stdout);
                        put_escaped(topic_err_set ? topic_err : rd_kafka_err2str(rd_kafka_last_error()));
                        putchar('\n');
                } else {
                        rd_kafka_topic_destroy(rkt);
                }
                rd_kafka_destroy(rk);
        }
        printf("R\t%s\n.\n", refused ? "refused" : "ok");
        fflush(stdout);
}

int main(void) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        struct kv *kvs = NULL;
        size_t n = 0, kcap = 0, i;
        int topic_as_default = 0;

        printf("V\t%s\n", rd_kafka_version_str());
        fflush(stdout);

        while ((len = getline(&line, &cap, stdin)) != -1) {
                char *key, *value;
                if (len > 0 && line[len - 1] == '\n')
                        line[--len] = '\0';
                if (line[0] == 'E' && line[1] == '\0') {
                        run(kvs, n, topic_as_default);
                        for (i = 0; i < n; i++) {
                                free(kvs[i].key);
                                free(kvs[i].value);
                        }
                        n = 0;
                        topic_as_default = 0;
                        continue;
                }
                if (line[0] == 'D' && line[1] == '\0') {
                        topic_as_default = 1;
                        continue;
                }
                if ((line[0] != 'G' && line[0] != 'T') || line[1] != '\t') {
                        fprintf(stderr, "rdkcheck: bad record: %s\n", line);
                        return 2;
                }
                key = line + 2;
                value = strchr(key, '\t');
                if (!value) {
                        fprintf(stderr, "rdkcheck: record without value: %s\n", line);
                        return 2;
                }
                *value++ = '\0';
                unescape(key);
                unescape(value);
                if (n == kcap) {
                        kcap = kcap ? kcap * 2 : 16;
                        kvs = realloc(kvs, kcap * sizeof(*kvs));
                }
                kvs[n].scope = line[0];
                kvs[n].key = strdup(key);
                kvs[n].value = strdup(value);
                n++;
        }
        free(line);
        free(kvs);
        return 0;
}
