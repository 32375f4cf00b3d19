#include "schema.h"

using namespace Qt::StringLiterals;

namespace Schema {

const QList<QStringList> &migrations()
{
    static const QList<QStringList> all = {
        // 1: deliveries, recipients, the per-recipient log, attempts, quarantine, routes,
        //    qualification rules, import rejects.
        {
            uR"(CREATE TABLE deliveries (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                definition TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'being_edited',
                fields TEXT NOT NULL DEFAULT '[]',
                email_column TEXT NOT NULL DEFAULT 'email',
                source_file TEXT,
                imported_rows INTEGER NOT NULL DEFAULT 0,
                rejected_rows INTEGER NOT NULL DEFAULT 0,
                analysis_report TEXT,
                message_token TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                analyzed_at INTEGER,
                confirmed_at INTEGER,
                started_at INTEGER,
                finished_at INTEGER))"_s,
            uR"(CREATE TABLE recipients (
                id INTEGER PRIMARY KEY,
                delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
                line INTEGER NOT NULL,
                email TEXT NOT NULL,
                email_norm TEXT,
                address_error TEXT,
                fields TEXT NOT NULL))"_s,
            u"CREATE INDEX recipients_by_delivery ON recipients(delivery_id, id)"_s,
            uR"(CREATE TABLE recipient_log (
                recipient_id INTEGER PRIMARY KEY REFERENCES recipients(id) ON DELETE CASCADE,
                delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
                state TEXT NOT NULL,
                failure_type TEXT NOT NULL DEFAULT '',
                failure_reason TEXT NOT NULL DEFAULT '',
                last_reply TEXT NOT NULL DEFAULT '',
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL DEFAULT 0,
                message_id TEXT NOT NULL,
                wave INTEGER NOT NULL DEFAULT 0,
                in_flight INTEGER NOT NULL DEFAULT 0,
                possible_duplicate INTEGER NOT NULL DEFAULT 0,
                validity_expired INTEGER NOT NULL DEFAULT 0,
                updated_at INTEGER NOT NULL))"_s,
            u"CREATE INDEX recipient_log_by_state ON recipient_log(delivery_id, state)"_s,
            uR"(CREATE TABLE attempts (
                id INTEGER PRIMARY KEY,
                recipient_id INTEGER NOT NULL REFERENCES recipients(id) ON DELETE CASCADE,
                delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
                started_at INTEGER NOT NULL,
                finished_at INTEGER,
                route TEXT NOT NULL DEFAULT '',
                remote_host TEXT NOT NULL DEFAULT '',
                reply_code INTEGER NOT NULL DEFAULT 0,
                enhanced_code TEXT NOT NULL DEFAULT '',
                reply TEXT NOT NULL DEFAULT '',
                outcome TEXT NOT NULL DEFAULT '',
                failure_reason TEXT NOT NULL DEFAULT '',
                transcript TEXT NOT NULL DEFAULT ''))"_s,
            u"CREATE INDEX attempts_by_recipient ON attempts(recipient_id, id)"_s,
            uR"(CREATE TABLE quarantine (
                address TEXT PRIMARY KEY,
                status TEXT NOT NULL CHECK (status IN ('valid','with_errors','quarantine','denylisted')),
                error_count INTEGER NOT NULL DEFAULT 0,
                last_error TEXT NOT NULL DEFAULT '',
                last_error_at INTEGER NOT NULL DEFAULT 0,
                updated_at INTEGER NOT NULL))"_s,
            uR"(CREATE TABLE routes (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                type TEXT NOT NULL CHECK (type IN ('relay','direct','sandbox')),
                config TEXT NOT NULL))"_s,
            uR"(CREATE TABLE qualification_rules (
                id INTEGER PRIMARY KEY,
                position INTEGER NOT NULL,
                enhanced_code TEXT NOT NULL DEFAULT '',
                text_pattern TEXT NOT NULL DEFAULT '',
                reply_class TEXT NOT NULL DEFAULT '',
                failure_type TEXT NOT NULL,
                failure_reason TEXT NOT NULL,
                enabled INTEGER NOT NULL DEFAULT 1))"_s,
            uR"(CREATE TABLE import_rejects (
                id INTEGER PRIMARY KEY,
                delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
                line INTEGER NOT NULL,
                reason TEXT NOT NULL))"_s,
            u"CREATE INDEX import_rejects_by_delivery ON import_rejects(delivery_id, line)"_s,
        },
        // 2: what the engine needs: due retries found by index, attempts in flight, proofs,
        //    the validity end fixed at confirmation, the last engine error.
        {
            u"CREATE INDEX recipient_log_retry ON recipient_log(delivery_id, next_attempt_at) "
            "WHERE failure_type = 'soft' AND state IN ('pending', 'taken_into_account')"_s,
            u"CREATE INDEX recipient_log_in_flight ON recipient_log(delivery_id) WHERE in_flight = 1"_s,
            u"ALTER TABLE deliveries ADD COLUMN start_at INTEGER"_s,
            u"ALTER TABLE deliveries ADD COLUMN validity_end_at INTEGER"_s,
            u"ALTER TABLE deliveries ADD COLUMN last_error TEXT"_s,
            uR"(CREATE TABLE proofs (
                id INTEGER PRIMARY KEY,
                delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
                number INTEGER NOT NULL,
                address TEXT NOT NULL,
                sent_at INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                reply TEXT NOT NULL DEFAULT '',
                transcript TEXT NOT NULL DEFAULT ''))"_s,
        },
        // 3: the per-recipient log view. Recipient order within a delivery from a narrow index,
        //    so a page at any offset of a 1,000,000-row log walks index entries only. Neither
        //    column ever changes, so the engine's log updates do not touch it.
        {
            u"CREATE INDEX recipient_log_by_delivery ON recipient_log(delivery_id)"_s,
        },
        // 4: the MX rules (docs/product.md §6), matched in position order on the MX host name, seeded
        //    with the built-in table (MxRules::defaults(), which restores it). 0 = the route's.
        {
            uR"(CREATE TABLE mx_rules (
                id INTEGER PRIMARY KEY,
                position INTEGER NOT NULL,
                pattern TEXT NOT NULL,
                max_connections INTEGER NOT NULL DEFAULT 0,
                max_messages_per_connection INTEGER NOT NULL DEFAULT 0,
                messages_per_hour INTEGER NOT NULL DEFAULT 0,
                connect_timeout_s INTEGER NOT NULL DEFAULT 0,
                command_timeout_s INTEGER NOT NULL DEFAULT 0,
                data_timeout_s INTEGER NOT NULL DEFAULT 0,
                tls TEXT NOT NULL DEFAULT ''))"_s,
            u"INSERT INTO mx_rules (position, pattern, max_connections, max_messages_per_connection, "
            "messages_per_hour) VALUES (0, '*.google.com', 2, 20, 1200), (1, '*.googlemail.com', 2, 20, 1200), "
            "(2, '*.outlook.com', 2, 20, 1200), (3, '*.yahoodns.net', 2, 20, 1200), "
            "(4, '*.icloud.com', 2, 20, 1200), (5, '*.naver.com', 2, 20, 1200), "
            "(6, '*.hanmail.net', 2, 20, 1200), (7, '*', 0, 0, 0)"_s,
        },
        // 5: the feedback loop (docs/product.md §4): messages read from a bounce mailbox or imported,
        //    one event per recipient they report on (matched or not), where each mailbox was read up to,
        //    the inbound-mail rules, and settings such as the VERP key. A raw message is applied once:
        //    its SHA-256 is unique, so a crash between the commit and the \Seen flag changes nothing.
        {
            uR"(CREATE TABLE feedback_messages (
                id INTEGER PRIMARY KEY,
                sha256 TEXT NOT NULL UNIQUE,
                source TEXT NOT NULL DEFAULT '',
                mailbox TEXT NOT NULL DEFAULT '',
                uid_validity INTEGER NOT NULL DEFAULT 0,
                uid INTEGER NOT NULL DEFAULT 0,
                received_at INTEGER NOT NULL,
                kind TEXT NOT NULL,
                feedback_type TEXT NOT NULL DEFAULT '',
                sender TEXT NOT NULL DEFAULT '',
                subject TEXT NOT NULL DEFAULT '',
                size INTEGER NOT NULL DEFAULT 0,
                raw BLOB))"_s,
            uR"(CREATE TABLE feedback_events (
                id INTEGER PRIMARY KEY,
                feedback_message_id INTEGER NOT NULL REFERENCES feedback_messages(id) ON DELETE CASCADE,
                delivery_id INTEGER REFERENCES deliveries(id) ON DELETE SET NULL,
                recipient_id INTEGER REFERENCES recipients(id) ON DELETE SET NULL,
                address TEXT NOT NULL DEFAULT '',
                kind TEXT NOT NULL,
                action TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL DEFAULT '',
                diagnostic TEXT NOT NULL DEFAULT '',
                remote_mta TEXT NOT NULL DEFAULT '',
                failure_type TEXT NOT NULL DEFAULT '',
                failure_reason TEXT NOT NULL DEFAULT '',
                rule TEXT NOT NULL DEFAULT '',
                correlation TEXT NOT NULL DEFAULT '',
                applied TEXT NOT NULL DEFAULT '',
                created_at INTEGER NOT NULL))"_s,
            u"CREATE INDEX feedback_events_by_recipient ON feedback_events(recipient_id, id)"_s,
            u"CREATE INDEX feedback_events_by_delivery ON feedback_events(delivery_id, kind)"_s,
            u"CREATE INDEX feedback_events_unmatched ON feedback_events(id) WHERE recipient_id IS NULL"_s,
            uR"(CREATE TABLE mailbox_state (
                mailbox TEXT PRIMARY KEY,
                uid_validity INTEGER NOT NULL,
                last_uid INTEGER NOT NULL,
                updated_at INTEGER NOT NULL))"_s,
            uR"(CREATE TABLE inbound_rules (
                id INTEGER PRIMARY KEY,
                position INTEGER NOT NULL,
                sender_pattern TEXT NOT NULL DEFAULT '',
                subject_pattern TEXT NOT NULL DEFAULT '',
                body_pattern TEXT NOT NULL DEFAULT '',
                kind TEXT NOT NULL,
                failure_type TEXT NOT NULL DEFAULT '',
                failure_reason TEXT NOT NULL DEFAULT '',
                enabled INTEGER NOT NULL DEFAULT 1))"_s,
            uR"(CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL))"_s,
            u"CREATE INDEX recipient_log_by_message_id ON recipient_log(message_id)"_s,
            u"ALTER TABLE attempts ADD COLUMN message_id TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE attempts ADD COLUMN rule INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE deliveries ADD COLUMN mail_from TEXT NOT NULL DEFAULT ''"_s,
        },
        // 6: how far an attempt in flight got (docs/reliability.md C1/C2): end_of_data is committed
        //    before the final dot is written, so after a crash only those rows are possible
        //    duplicates. A row an older version left in flight recorded no phase: it counts as
        //    one whose dot may have gone out, as it did then. boot_id: the boot of the machine
        //    the delivery last ran in; those marks are committed without a sync, so after
        //    another boot they are not trusted.
        {
            u"ALTER TABLE recipient_log ADD COLUMN end_of_data INTEGER NOT NULL DEFAULT 0"_s,
            u"UPDATE recipient_log SET end_of_data = 1 WHERE in_flight = 1"_s,
            u"ALTER TABLE deliveries ADD COLUMN boot_id TEXT NOT NULL DEFAULT ''"_s,
        },
        // 7: the messages per hour every delivery and process together took of an MX rule's
        //    5-minute slice, per destination (core/engine/rate_ledger.h).
        {
            uR"(CREATE TABLE rate_slices (
                key TEXT NOT NULL,
                slice INTEGER NOT NULL,
                taken INTEGER NOT NULL,
                PRIMARY KEY (key, slice)) WITHOUT ROWID)"_s,
        },
        // 8: what holds each destination of a running delivery back (MX rule, throttle,
        //    connections), as its engine last saw it, for `status` and dashboards of other
        //    processes; gone when the run ends.
        {
            uR"(CREATE TABLE delivery_holds (
                delivery_id INTEGER PRIMARY KEY REFERENCES deliveries(id) ON DELETE CASCADE,
                at INTEGER NOT NULL,
                holds TEXT NOT NULL))"_s,
        },
        // 9: the messages a warm-up's sending identity took per UTC day (slice: days since
        //    1970-01-01), across deliveries and processes (core/routing/warmup_schedule.h).
        {
            uR"(CREATE TABLE warmup_days (
                key TEXT NOT NULL,
                slice INTEGER NOT NULL,
                taken INTEGER NOT NULL,
                PRIMARY KEY (key, slice)) WITHOUT ROWID)"_s,
        },
        // 10: a saved route may be a pool of relays (type 'pool'): the table is made again with
        //     the wider CHECK, its rows and ids kept (nothing references them).
        {
            uR"(CREATE TABLE routes_v10 (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                type TEXT NOT NULL CHECK (type IN ('relay','direct','sandbox','pool')),
                config TEXT NOT NULL))"_s,
            u"INSERT INTO routes_v10 (id, name, type, config) SELECT id, name, type, config FROM routes"_s,
            u"DROP TABLE routes"_s,
            u"ALTER TABLE routes_v10 RENAME TO routes"_s,
        },
        // 11: the adaptive throttle: its constants per MX rule (0: the defaults), and the state of
        //     each throttled destination, so a run that starts later, or another process, goes
        //     on at the level a provider's "slow down" left (core/engine/throttle_memory.h).
        {
            u"ALTER TABLE mx_rules ADD COLUMN throttle_cut_to_pct INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE mx_rules ADD COLUMN cool_down_s INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE mx_rules ADD COLUMN restore_step_pct INTEGER NOT NULL DEFAULT 0"_s,
            uR"(CREATE TABLE destination_throttles (
                key TEXT PRIMARY KEY,
                cut_pct INTEGER NOT NULL,
                cut_at INTEGER NOT NULL,
                until INTEGER NOT NULL,
                reply TEXT NOT NULL DEFAULT '',
                updated_at INTEGER NOT NULL))"_s,
        },
        // 12: the MTA-STS policies fetched (RFC 8461 §5.1: kept for their max_age, across runs), so
        //     a policy stays in force when its DNS record or server cannot be reached later.
        {
            uR"(CREATE TABLE mta_sts_policies (
                domain TEXT PRIMARY KEY,
                id TEXT NOT NULL,
                policy TEXT NOT NULL,
                expires_at INTEGER NOT NULL))"_s,
        },
    };
    return all;
}

} // namespace Schema
