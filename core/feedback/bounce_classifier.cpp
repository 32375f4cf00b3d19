#include "bounce_classifier.h"

#include "bounce_text.h"

#include <QSet>
#include <QStringDecoder>

// glib names a struct member "signals", which Qt defines as a keyword macro.
#pragma push_macro("signals")
#undef signals
#include <gmime/gmime.h>
#pragma pop_macro("signals")

#include <mutex>

using namespace Qt::StringLiterals;
using namespace BounceText;

namespace {

using Kind = FeedbackMessage::Kind;

constexpr int MaxHeaders = 1000; // header fields looked at per header block

void initGMime()
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

// GMime's parser recurses once per nesting level. The bytes are cut before the container that
// would exceed MaxDepth (or the part that would exceed MaxParts), so its stack stays shallow
// whatever the input: every level needs a Content-Type naming multipart/ or message/.
QByteArray limitInput(const QByteArray &raw, QString *problem)
{
    QByteArray data = raw.size() > BounceClassifier::MaxInputBytes ? raw.left(BounceClassifier::MaxInputBytes) : raw;
    if (data.size() < raw.size())
        *problem = u"message cut at %1 bytes"_s.arg(BounceClassifier::MaxInputBytes);
    int containers = 0;
    int parts = 0;
    const char *begin = data.constData();
    const qsizetype size = data.size();
    qsizetype pos = 0;
    while (pos < size) {
        const char *lineStart = begin + pos;
        const void *nl = memchr(lineStart, '\n', size_t(size - pos));
        const qsizetype lineEnd = nl ? static_cast<const char *>(nl) - begin : size;
        if (lineEnd - pos >= 12 && qstrnicmp(lineStart, "content-type", 12) == 0) {
            qsizetype i = pos + 12;
            while (i < lineEnd && (begin[i] == ' ' || begin[i] == '\t'))
                ++i;
            if (i < lineEnd && begin[i] == ':') {
                // The value with up to three continuation lines.
                qsizetype valueEnd = lineEnd;
                for (int c = 0;
                     c < 3 && valueEnd + 1 < size && (begin[valueEnd + 1] == ' ' || begin[valueEnd + 1] == '\t'); ++c) {
                    const void *next = memchr(begin + valueEnd + 1, '\n', size_t(size - valueEnd - 1));
                    valueEnd = next ? static_cast<const char *>(next) - begin : size;
                }
                const QByteArray value = QByteArray(begin + i, valueEnd - i).toLower();
                ++parts;
                if (value.contains("multipart") || value.contains("message/"))
                    ++containers;
                if (containers > BounceClassifier::MaxDepth || parts > BounceClassifier::MaxParts) {
                    *problem = u"message cut at byte %1: more than %2 nested parts or %3 parts"_s.arg(
                        QString::number(pos), QString::number(BounceClassifier::MaxDepth),
                        QString::number(BounceClassifier::MaxParts));
                    data.truncate(pos);
                    return data;
                }
            }
        }
        pos = lineEnd + 1;
    }
    return data;
}

QString text(const char *s)
{
    return s ? QString::fromUtf8(s) : QString();
}

// The decoded body of a leaf, at most limit bytes, without decoding what lies beyond.
QByteArray partContent(GMimePart *part, qsizetype limit)
{
    QByteArray out;
    GMimeDataWrapper *wrapper = g_mime_part_get_content(part);
    if (!wrapper || limit <= 0)
        return out;
    GMimeStream *stream = g_mime_data_wrapper_get_stream(wrapper);
    if (!stream)
        return out;
    g_mime_stream_reset(stream);
    GMimeEncoding state;
    g_mime_encoding_init_decode(&state, g_mime_data_wrapper_get_encoding(wrapper));
    char buffer[16384];
    while (out.size() < limit) {
        const ssize_t n = g_mime_stream_read(stream, buffer, sizeof buffer);
        if (n <= 0)
            break;
        const qsizetype old = out.size();
        out.resize(old + qsizetype(g_mime_encoding_outlen(&state, size_t(n))));
        out.resize(old + qsizetype(g_mime_encoding_step(&state, buffer, size_t(n), out.data() + old)));
    }
    const qsizetype old = out.size();
    out.resize(old + qsizetype(g_mime_encoding_outlen(&state, 0)) + 16);
    out.resize(old + qsizetype(g_mime_encoding_flush(&state, nullptr, 0, out.data() + old)));
    if (out.size() > limit)
        out.truncate(limit);
    return out;
}

QString decodeText(const QByteArray &bytes, const char *charset)
{
    if (charset && *charset) {
        QStringDecoder decoder(charset);
        if (decoder.isValid()) {
            QString s = decoder.decode(bytes);
            if (!decoder.hasError())
                return s;
        }
    }
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString s = utf8.decode(bytes);
    return utf8.hasError() ? QString::fromLatin1(bytes) : s;
}

QString htmlToText(QString html)
{
    static const QRegularExpression scripts = ci(u"<(script|style)\\b.*?</\\1\\s*>"_s);
    static const QRegularExpression breaks = ci(u"<(br|/p|/div|/tr|/li|/h\\d)\\b[^>]*>"_s);
    static const QRegularExpression tags(u"<[^>]*>"_s);
    html.replace(scripts, QString());
    html.replace(breaks, u"\n"_s);
    html.replace(tags, QString());
    html.replace(u"&lt;"_s, u"<"_s).replace(u"&gt;"_s, u">"_s).replace(u"&quot;"_s, u"\""_s);
    html.replace(u"&nbsp;"_s, u" "_s).replace(u"&#64;"_s, u"@"_s).replace(u"&amp;"_s, u"&"_s);
    return html;
}

// "rfc822; a@b" -> "a@b", "smtp; 550 ..." -> "550 ..."
QString stripType(const QString &value)
{
    const qsizetype semi = value.indexOf(u';');
    QString v = (semi >= 0 && semi < 20 && !value.left(semi).contains(u' ')) ? value.mid(semi + 1) : value;
    return v.trimmed();
}

QString bareAddress(QString a)
{
    a = a.trimmed();
    if (a.startsWith(u'<') && a.endsWith(u'>'))
        a = a.mid(1, a.size() - 2).trimmed();
    return a;
}

QStringList addressesIn(const QString &value)
{
    static const QRegularExpression re(u"[^\\s<>\"',;:()\\[\\]]+@[^\\s<>\"',;:()\\[\\]]+"_s);
    QStringList out;
    auto it = re.globalMatch(value);
    while (it.hasNext() && out.size() < BounceClassifier::MaxRecipients)
        out.append(it.next().captured(0));
    return out;
}

// Header fields as "Name: value" blocks: unfolded, split at blank lines (RFC 3464 §2.1).
QList<QList<std::pair<QString, QString>>> fieldBlocks(const QString &content)
{
    QList<QList<std::pair<QString, QString>>> blocks;
    QList<std::pair<QString, QString>> block;
    int fields = 0;
    const QStringList lines = content.split(u'\n');
    for (QString line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.trimmed().isEmpty()) {
            if (!block.isEmpty())
                blocks.append(block);
            block.clear();
            continue;
        }
        if ((line.startsWith(u' ') || line.startsWith(u'\t')) && !block.isEmpty()) {
            block.last().second += u' ' + line.trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0 || ++fields > MaxHeaders * 10)
            continue;
        block.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    if (!block.isEmpty())
        blocks.append(block);
    return blocks;
}

QString field(const QList<std::pair<QString, QString>> &block, const QString &lowerName)
{
    for (const auto &[name, value] : block)
        if (name == lowerName)
            return value;
    return {};
}

// What one walk over the MIME tree gathers.
struct Gathered
{
    QString reportType;
    QStringList texts; // text/plain of the report, outside the returned message
    QStringList htmls;
    QList<QString> dsn; // message/delivery-status contents
    QString feedbackReport;
    QStringList returnedIds;
    QStringList returnedTo;
    QStringList returnedFrom; // the returned message's From: our own sender, never a failed recipient
    qsizetype textBytes = 0;
    int parts = 0;
    bool cut = false;

    qsizetype budget() const { return BounceClassifier::MaxTextBytes - textBytes; }
};

void addMessageId(Gathered &g, const QString &id)
{
    const QString v = id.trimmed();
    if (v.isEmpty() || g.returnedIds.size() >= 16)
        return;
    const QString withBrackets = v.startsWith(u'<') ? v : u'<' + v + u'>';
    if (!g.returnedIds.contains(withBrackets))
        g.returnedIds.append(withBrackets);
}

// Only the Message-ID (and To, for a complaint) of a returned message is used: the rest is
// whatever the original sender or a forger wrote.
void readReturnedHeaders(Gathered &g, const QString &headers)
{
    const auto blocks = fieldBlocks(headers);
    if (blocks.isEmpty())
        return;
    addMessageId(g, field(blocks.first(), u"message-id"_s));
    g.returnedTo += addressesIn(field(blocks.first(), u"to"_s));
    g.returnedFrom += addressesIn(field(blocks.first(), u"from"_s));
}

void walk(GMimeObject *object, int depth, Gathered &g)
{
    if (!object || depth > BounceClassifier::MaxDepth || ++g.parts > BounceClassifier::MaxParts) {
        g.cut = true;
        return;
    }
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (GMIME_IS_MULTIPART(object)) {
        if (type && g_mime_content_type_is_type(type, "multipart", "report") && g.reportType.isEmpty())
            g.reportType = text(g_mime_content_type_get_parameter(type, "report-type")).toLower();
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        const int count = g_mime_multipart_get_count(multipart);
        for (int i = 0; i < count && g.parts <= BounceClassifier::MaxParts; ++i)
            walk(g_mime_multipart_get_part(multipart, i), depth + 1, g);
        return;
    }
    if (GMIME_IS_MESSAGE_PART(object)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        GMimeObject *body = inner ? g_mime_message_get_mime_part(inner) : nullptr;
        GMimeContentType *innerType = body ? g_mime_object_get_content_type(body) : nullptr;
        if (g.reportType.isEmpty() && g.dsn.isEmpty() && innerType &&
            g_mime_content_type_is_type(innerType, "multipart", "report")) {
            // A gateway that forwards the delivery report as an attachment: read the report.
            const QString reportType = text(g_mime_content_type_get_parameter(innerType, "report-type")).toLower();
            if (reportType == u"delivery-status"_s || reportType == u"global-delivery-status"_s) {
                walk(body, depth + 1, g);
                return;
            }
        }
        if (inner) {
            addMessageId(g, text(g_mime_message_get_message_id(inner)));
            for (auto [list, into] : {std::pair{g_mime_message_get_to(inner), &g.returnedTo},
                                      std::pair{g_mime_message_get_from(inner), &g.returnedFrom}}) {
                if (!list)
                    continue;
                char *names = internet_address_list_to_string(list, nullptr, FALSE);
                *into += addressesIn(text(names));
                g_free(names);
            }
        }
        return; // nothing else of the returned message is read
    }
    if (!GMIME_IS_PART(object) || !type)
        return;
    GMimePart *part = GMIME_PART(object);
    const QString mediaType =
        (text(g_mime_content_type_get_media_type(type)) + u'/' + text(g_mime_content_type_get_media_subtype(type)))
            .toLower();
    const char *charset = g_mime_content_type_get_parameter(type, "charset");
    auto read = [&]() {
        QString s = decodeText(partContent(part, g.budget()), charset);
        g.textBytes += s.size();
        return s;
    };
    if (g.budget() <= 0) {
        g.cut = true;
        return;
    }
    if (mediaType == u"message/delivery-status"_s || mediaType == u"message/global-delivery-status"_s) {
        // RFC 6533: the global variant is UTF-8.
        g.dsn.append(decodeText(partContent(part, g.budget()), "utf-8"));
        g.textBytes += g.dsn.last().size();
    } else if (mediaType == u"message/feedback-report"_s) {
        g.feedbackReport = read();
    } else if (mediaType == u"text/rfc822-headers"_s || mediaType == u"message/global-headers"_s ||
               mediaType == u"message/rfc822-headers"_s || mediaType == u"message/rfc822"_s) {
        // message/rfc822 here: a returned message GMime could not read as a message part.
        readReturnedHeaders(g, read());
    } else if (mediaType == u"text/plain"_s || mediaType == u"text/enriched"_s) {
        g.texts.append(read());
    } else if (mediaType == u"text/html"_s) {
        g.htmls.append(htmlToText(read()));
    }
}

// The headers of the report itself.
struct ReportHeaders
{
    QString from;
    QString subject;
    QString messageId;
    QStringList envelopeTo; // To, Delivered-To, X-Original-To, Envelope-To, X-Envelope-To
    // The report's own parties and lists: never a failed recipient. Not the envelope headers
    // (Delivered-To, X-Original-To): the bounce address is in To as well, and a gateway that
    // writes them differently puts the original recipient there.
    QStringList headerAddresses;
    QStringList failedRecipients; // X-Failed-Recipients (Exim)
    QString autoSubmitted;
    bool autoReplyHeader = false; // X-Autoreply, X-Autorespond, Precedence: auto_reply
    QStringList inReplyTo;        // In-Reply-To, References
};

ReportHeaders reportHeaders(GMimeMessage *message)
{
    ReportHeaders h;
    h.subject = text(g_mime_message_get_subject(message)).simplified();
    const QString id = text(g_mime_message_get_message_id(message));
    h.messageId = id.isEmpty() ? id : u'<' + id + u'>';
    GMimeHeaderList *list = g_mime_object_get_header_list(GMIME_OBJECT(message));
    const int count = list ? qMin(g_mime_header_list_get_count(list), MaxHeaders) : 0;
    for (int i = 0; i < count; ++i) {
        GMimeHeader *header = g_mime_header_list_get_header_at(list, i);
        const QString name = text(g_mime_header_get_name(header)).toLower();
        const QString value = text(g_mime_header_get_value(header)).simplified();
        static const QRegularExpression parties =
            ci(u"^(from|to|cc|sender|reply-to|return-path|errors-to|list-[\\w-]+|x-beenthere|x-mailman-[\\w-]+)$"_s);
        if (parties.match(name).hasMatch() && h.headerAddresses.size() < BounceClassifier::MaxRecipients)
            h.headerAddresses += addressesIn(value);
        if (name == u"x-failed-recipients"_s)
            h.failedRecipients += addressesIn(value);
        if (name == u"from"_s && h.from.isEmpty())
            h.from = value;
        else if (name == u"to"_s || name == u"delivered-to"_s || name == u"x-original-to"_s ||
                 name == u"envelope-to"_s || name == u"x-envelope-to"_s)
            h.envelopeTo += addressesIn(value);
        else if (name == u"auto-submitted"_s)
            h.autoSubmitted = value.toLower();
        else if (name == u"x-autoreply"_s || name == u"x-autorespond"_s || name == u"x-autoresponder"_s ||
                 (name == u"precedence"_s && value.toLower().contains(u"auto_reply"_s)))
            h.autoReplyHeader = true;
        else if (name == u"in-reply-to"_s || name == u"references"_s) {
            static const QRegularExpression idRe(u"<[^<>\\s]+>"_s);
            auto it = idRe.globalMatch(value);
            while (it.hasNext() && h.inReplyTo.size() < 16) {
                const QString ref = it.next().captured(0);
                if (!h.inReplyTo.contains(ref))
                    h.inReplyTo.append(ref);
            }
        }
    }
    return h;
}

QString senderAddress(const QString &from)
{
    const QStringList a = addressesIn(from);
    return a.isEmpty() ? QString() : a.first();
}

void qualifyFromStatus(const ReplyQualifier &replies, FeedbackRecipient &r)
{
    // A status without a reply goes through the same rules, its class standing in for the
    // reply code (docs/product.md §4).
    static const QRegularExpression statusRe(u"^([245])\\.[0-9]{1,3}\\.[0-9]{1,3}$"_s);
    const QRegularExpressionMatch m = statusRe.match(r.status);
    if (!m.hasMatch() || m.captured(1) == u"2"_s) {
        const bool delayed = r.action == u"delayed"_s;
        r.type = delayed ? FailureType::Soft : FailureType::Hard;
        r.reason = FailureReason::NotDefined;
        r.rule = u"fallback"_s;
        return;
    }
    const Qualification q = replies.qualify(m.captured(1).toInt() * 100, r.status, r.diagnostic);
    r.type = q.type;
    r.reason = q.reason;
    r.rule = u"status"_s;
}

void qualifyDiagnostic(const ReplyQualifier &replies, FeedbackRecipient &r)
{
    if (r.action == u"delivered"_s || r.action == u"relayed"_s || r.action == u"expanded"_s) {
        r.type = FailureType::None;
        r.reason = FailureReason::None;
        r.rule = u"status"_s;
        return;
    }
    const QuotedReply reply = quotedReply(r.diagnostic);
    if (r.status.isEmpty() && !reply.enhanced.isEmpty())
        r.status = reply.enhanced;
    if (reply.code >= 400) {
        const Qualification q =
            replies.qualify(reply.code, reply.enhanced.isEmpty() ? r.status : reply.enhanced, r.diagnostic);
        r.type = q.type;
        r.reason = q.reason;
        r.rule = q.ruleIndex >= 0 ? u"reply:%1"_s.arg(q.ruleIndex + 1) : u"fallback"_s;
        return;
    }
    qualifyFromStatus(replies, r);
}

void readDsn(const ReplyQualifier &replies, const QString &content, FeedbackMessage &m)
{
    const auto blocks = fieldBlocks(content);
    for (const auto &block : blocks) {
        const QString envid = field(block, u"original-envelope-id"_s);
        if (!envid.isEmpty() && m.envid.isEmpty())
            m.envid = envid;
        const QString finalRcpt = bareAddress(stripType(field(block, u"final-recipient"_s)));
        const QString original = bareAddress(stripType(field(block, u"original-recipient"_s)));
        if (finalRcpt.isEmpty() && original.isEmpty())
            continue;
        if (m.recipients.size() >= BounceClassifier::MaxRecipients)
            break;
        FeedbackRecipient r;
        // An X.400 or other non-mail Final-Recipient says less than the address we sent to.
        r.address = finalRcpt.contains(u'@') || !original.contains(u'@') ? finalRcpt : original;
        if (r.address.isEmpty())
            r.address = original;
        r.originalRecipient = original;
        r.action = field(block, u"action"_s).toLower().section(u' ', 0, 0);
        // Sloppy reporters write "failure", "error", "delay" (RFC 3464 §2.3.3 has five words).
        if (r.action.startsWith(u"fail"_s) || r.action.startsWith(u"error"_s) || r.action.startsWith(u"undeliver"_s))
            r.action = u"failed"_s;
        else if (r.action.startsWith(u"delay"_s))
            r.action = u"delayed"_s;
        static const QRegularExpression statusRe(u"[245]\\.[0-9]{1,3}\\.[0-9]{1,3}"_s);
        r.status = statusRe.match(field(block, u"status"_s)).captured(0);
        r.diagnostic = stripType(field(block, u"diagnostic-code"_s));
        r.remoteMta = stripType(field(block, u"remote-mta"_s));
        qualifyDiagnostic(replies, r);
        m.recipients.append(r);
    }
}

} // namespace

BounceClassifier::BounceClassifier(const ReplyQualifier &replies, const QList<InboundRule> &rules)
    : m_replies(replies)
{
    initGMime();
    auto compile = [](const QString &pattern) {
        QRegularExpression re = ci(pattern);
        re.optimize();
        return re;
    };
    for (const InboundRule &r : rules) {
        CompiledRule c{r, compile(r.senderPattern), compile(r.subjectPattern), compile(r.bodyPattern)};
        // A broken pattern never matches rather than matching everything.
        if ((!r.senderPattern.isEmpty() && !c.sender.isValid()) ||
            (!r.subjectPattern.isEmpty() && !c.subject.isValid()) || (!r.bodyPattern.isEmpty() && !c.body.isValid()))
            c.rule.enabled = false;
        m_rules.append(c);
    }
}

FeedbackMessage BounceClassifier::classify(const QByteArray &raw) const
{
    FeedbackMessage m;
    QString problem;
    const QByteArray data = limitInput(raw, &problem);
    if (data.trimmed().isEmpty()) {
        m.problem = problem.isEmpty() ? u"empty message"_s : problem;
        return m;
    }

    GMimeStream *stream = g_mime_stream_mem_new_with_buffer(data.constData(), size_t(data.size()));
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    g_object_unref(stream);
    g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
    GMimeMessage *message = g_mime_parser_construct_message(parser, nullptr);
    g_object_unref(parser);
    if (!message) {
        m.problem = u"not a mail message"_s;
        return m;
    }

    const ReportHeaders h = reportHeaders(message);
    Gathered g;
    walk(g_mime_message_get_mime_part(message), 1, g);
    g_object_unref(message);
    if (g.cut && problem.isEmpty())
        problem = u"only the first %1 parts or %2 bytes of text were read"_s.arg(QString::number(MaxParts),
                                                                                 QString::number(MaxTextBytes));
    m.problem = problem;
    m.sender = senderAddress(h.from);
    m.subject = h.subject;
    m.reportMessageId = h.messageId;
    for (const QString &a : h.envelopeTo) {
        const QString local = a.section(u'@', 0, 0);
        const qsizetype plus = local.indexOf(u'+');
        if (plus >= 0 && plus + 1 < local.size() && !m.verpTokens.contains(local.mid(plus + 1)))
            m.verpTokens.append(local.mid(plus + 1));
    }

    const QString allText = g.texts.isEmpty() ? g.htmls.join(u'\n') : g.texts.join(u'\n');
    const QString report = reportPart(allText);
    if (g.returnedIds.isEmpty()) {
        // A text bounce quotes the returned headers in its body.
        static const QRegularExpression quotedId = ci(u"^[ \\t>]*Message-ID:\\s*(<[^<>\\s]+>)"_s);
        const QRegularExpressionMatch idMatch = quotedId.match(allText, report.size());
        if (idMatch.hasMatch())
            addMessageId(g, idMatch.captured(1));
    }
    m.returnedMessageIds = g.returnedIds;

    // 1. A delivery report (RFC 3464, RFC 6533), even when it says Auto-Submitted: auto-replied.
    if (!g.dsn.isEmpty() || g.reportType == u"delivery-status"_s || g.reportType == u"global-delivery-status"_s) {
        m.kind = Kind::Dsn;
        for (const QString &content : std::as_const(g.dsn))
            readDsn(m_replies, content, m);
        if (!m.recipients.isEmpty())
            return m;
        // A report without per-recipient fields: its text names them, as a text bounce does.
    }
    // 2. A complaint (RFC 5965).
    if (m.kind == Kind::Unknown && (!g.feedbackReport.isNull() || g.reportType == u"feedback-report"_s)) {
        m.kind = Kind::Arf;
        const auto blocks = fieldBlocks(g.feedbackReport);
        const auto fields = blocks.isEmpty() ? QList<std::pair<QString, QString>>{} : blocks.first();
        m.feedbackType = field(fields, u"feedback-type"_s).toLower();
        QString address = bareAddress(stripType(field(fields, u"original-rcpt-to"_s)));
        if (address.isEmpty() && !g.returnedTo.isEmpty())
            address = g.returnedTo.first();
        if (!address.isEmpty()) {
            FeedbackRecipient r;
            r.address = address;
            const bool complaint = m.feedbackType != u"not-spam"_s;
            r.type = complaint ? FailureType::Hard : FailureType::None;
            r.reason = complaint ? FailureReason::Complaint : FailureReason::None;
            r.rule = u"arf"_s;
            m.recipients.append(r);
        }
        return m;
    }
    // 3. The inbound-mail rules: text bounces, auto-replies and unsubscribe requests by their words.
    const QString from = h.from;
    for (qsizetype i = 0; i < m_rules.size() && m.kind == Kind::Unknown; ++i) {
        const CompiledRule &c = m_rules.at(i);
        if (!c.rule.enabled)
            continue;
        if (!c.rule.senderPattern.isEmpty() && !c.sender.match(from).hasMatch())
            continue;
        if (!c.rule.subjectPattern.isEmpty() && !c.subject.match(h.subject).hasMatch())
            continue;
        if (!c.rule.bodyPattern.isEmpty() && !c.body.match(report).hasMatch())
            continue;
        m.kind = c.rule.kind;
        m.inboundRule = int(i) + 1;
        break;
    }
    // A List-Unsubscribe mailto: address (unsubscribe+TOKEN@...) says so whatever the words.
    if (m.kind == Kind::Unknown) {
        for (const QString &a : h.envelopeTo)
            if (a.section(u'@', 0, 0).section(u'+', 0, 0).compare(u"unsubscribe"_s, Qt::CaseInsensitive) == 0)
                m.kind = Kind::Unsubscribe;
    }
    // RFC 3834 headers, after the rules: MTAs mark their text bounces auto-replied too.
    if (m.kind == Kind::Unknown &&
        ((!h.autoSubmitted.isEmpty() && !h.autoSubmitted.startsWith(u"no"_s)) || h.autoReplyHeader))
        m.kind = Kind::AutoReply;

    const InboundRule *rule = m.inboundRule > 0 ? &m_rules.at(m.inboundRule - 1).rule : nullptr;
    switch (m.kind) {
    case Kind::AutoReply: {
        for (const QString &ref : h.inReplyTo)
            if (!m.returnedMessageIds.contains(ref))
                m.returnedMessageIds.append(ref);
        if (!m.sender.isEmpty()) {
            FeedbackRecipient r;
            r.address = m.sender;
            r.type = FailureType::Ignored; // never a bounce (docs/product.md §4)
            r.reason = FailureReason::None;
            r.rule = rule ? u"inbound:%1"_s.arg(m.inboundRule) : u"fallback"_s;
            m.recipients.append(r);
        }
        break;
    }
    case Kind::Unsubscribe: {
        if (!m.sender.isEmpty()) {
            FeedbackRecipient r;
            r.address = m.sender;
            r.type = FailureType::Hard;
            r.reason = FailureReason::Unsubscribed;
            r.rule = rule ? u"inbound:%1"_s.arg(m.inboundRule) : u"fallback"_s;
            m.recipients.append(r);
        }
        break;
    }
    case Kind::Dsn:
    case Kind::Bounce: {
        if (m.kind == Kind::Dsn) {
            readDsn(m_replies, allText, m);
            if (!m.recipients.isEmpty())
                break;
        }
        QSet<QString> excluded;
        if (!m.sender.isEmpty())
            excluded.insert(m.sender.toLower());
        for (const QString &a : h.headerAddresses)
            excluded.insert(a.toLower());
        QSet<QString> returnedFrom;
        for (const QString &a : std::as_const(g.returnedFrom))
            returnedFrom.insert(a.toLower());
        const bool delayed = reportsDelay(report) || (rule && rule->type == FailureType::Soft);
        auto found = textRecipients(report, excluded, returnedFrom);
        // Exim names them in a header too: those are the ones, with whatever reason the text gives.
        if (!h.failedRecipients.isEmpty()) {
            QList<std::pair<QString, QString>> named;
            for (const QString &a : h.failedRecipients) {
                QString diagnostic;
                for (const auto &[address, d] : found)
                    if (address.compare(a, Qt::CaseInsensitive) == 0)
                        diagnostic = d;
                named.append({a, diagnostic});
            }
            found = named;
        }
        for (const auto &[address, diagnostic] : std::as_const(found)) {
            FeedbackRecipient r;
            r.address = address;
            r.action = delayed ? u"delayed"_s : u"failed"_s;
            r.diagnostic = diagnostic;
            const QuotedReply reply = quotedReply(diagnostic);
            r.status = reply.enhanced;
            if (reply.code >= 400) {
                const Qualification q = m_replies.qualify(reply.code, reply.enhanced, diagnostic);
                r.type = q.type;
                r.reason = q.reason;
                r.rule = q.ruleIndex >= 0 ? u"reply:%1"_s.arg(q.ruleIndex + 1) : u"fallback"_s;
                if (reply.code >= 500)
                    r.action = u"failed"_s; // a permanent reply is final, whatever the subject says
            } else {
                // No reply code: the reply rules' texts may still know the words.
                const bool soft = delayed || (rule && rule->type == FailureType::Soft);
                const int code = !reply.enhanced.isEmpty() ? reply.enhanced.left(1).toInt() * 100 : soft ? 400 : 500;
                Qualification q = m_replies.qualify(code, reply.enhanced, diagnostic);
                auto textRule = [&](const Qualification &x) {
                    // r.diagnostic, not the structured binding: clang before 16 cannot capture one.
                    return x.ruleIndex >= 0 && !m_replies.rules().at(x.ruleIndex).textPattern.isEmpty() &&
                           !r.diagnostic.isEmpty();
                };
                bool byText = textRule(q);
                if (soft && reply.enhanced.isEmpty() && !reportsDelay(report)) {
                    // "Warning: a@b - User unknown!": words only a permanent failure uses outweigh
                    // a warning subject or a soft rule (not a text that says it will retry).
                    const Qualification permanent = m_replies.qualify(500, {}, diagnostic);
                    if (textRule(permanent) && permanent.type == FailureType::Hard) {
                        q = permanent;
                        byText = true;
                        r.action = u"failed"_s;
                    }
                }
                if (byText || !reply.enhanced.isEmpty()) {
                    r.type = q.type;
                    r.reason = q.reason;
                    r.rule = q.ruleIndex >= 0 ? u"reply:%1"_s.arg(q.ruleIndex + 1) : u"fallback"_s;
                } else if (rule) {
                    r.type = delayed && rule->type == FailureType::Hard ? FailureType::Soft : rule->type;
                    r.reason = rule->reason;
                    r.rule = u"inbound:%1"_s.arg(m.inboundRule);
                } else {
                    r.type = delayed ? FailureType::Soft : FailureType::Hard;
                    r.reason = FailureReason::NotDefined;
                    r.rule = u"fallback"_s;
                }
            }
            m.recipients.append(r);
        }
        break;
    }
    case Kind::Arf:
    case Kind::Unknown:
        break;
    }
    return m;
}
