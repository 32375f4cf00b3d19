<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AnalysisReport</name>
    <message>
        <source>Analysis finished with %1 error(s): the delivery cannot be confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis finished: %1 to deliver, %2 excluded, %3 warning(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sender address &apos;%1&apos; is not valid: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Reply-To address &apos;%1&apos; is not valid: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject is %1 characters long; many clients cut it after %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject contains a line break.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message has neither an HTML nor a text part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The HTML part has no unsubscribe link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text part has no unsubscribe link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No List-Unsubscribe header: large mailbox providers expect one for bulk mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List-Unsubscribe is set without &apos;List-Unsubscribe-Post: List-Unsubscribe=One-Click&apos; (RFC 8058 one-click unsubscribe).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No route is set: choose how the messages leave.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 proof addresses; at most %2 are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proof address &apos;%1&apos; is not valid: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The validity ends (%1) before the sending starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact date %1 is in the past: sending starts as soon as the delivery is confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No DKIM key: messages from %1 will not be signed, and many providers will filter them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DKIM domain %1 does not match the From domain %2 (DMARC alignment fails).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is readable by other users of this machine; make it private (chmod 600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RSA key has %1 bits; keys under 1024 bits are refused (RFC 8301).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RSA key has %1 bits; use 2048 bits or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An Ed25519 key alone: many receivers only verify RSA; sign with an RSA key too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DKIM: %1, selector %2, RSA %3 bits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dkim: %1; no message could be signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2; every message would be refused at send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 uses the field &apos;%2&apos;, which the recipient list does not have (its columns: %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; is empty for %2 recipient(s) and has no default (lines %3%4). Add a default with {{%1|...}} or fill the column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 message(s) exceed 100 KB once personalized (first at line %2, largest %3 KB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recipient list is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every recipient is excluded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recipient(s) excluded: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 domain(s) had no MX host with an address from the DNS within %3 s: each is planned as its own mail host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At %1 message(s) per hour (MX rule %2), %3 recipient(s) at %4 need about %5, longer than the validity period (%6): the rest will fail as validity expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The warm-up of %1 allows %2 message(s) on the first day: the %3 recipient(s) need %4 day(s), until %5, past the validity end; the rest will fail as validity expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The warm-up of %1 allows %2 message(s) on the first day: the %3 recipient(s) need %4 day(s), until %5, if no other delivery uses it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last of %1 waves starts %2 after the first, at or after the end of the validity period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 wave(s); the last starts %2 after the first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SPF record of %1 could not be checked: %2 did not answer within %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 publishes no SPF record (TXT &quot;v=spf1 ...&quot;): large providers expect SPF for bulk mail, and DMARC needs SPF or DKIM aligned with the From domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 publishes %2 SPF records; RFC 7208 makes that a permanent error (permerror) for every receiver: merge them into one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SPF of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DMARC record of %1 could not be checked: %2 did not answer within %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 publishes no DMARC record (TXT &quot;v=DMARC1; p=...&quot; at _dmarc.%1): Gmail and Yahoo require one from senders of 5,000 or more messages a day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DMARC at %1: policy %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DKIM key published at %1 could not be checked: %2 did not answer within %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No DKIM key is published at %1: receivers cannot verify the signature. Publish the record the key&apos;s &quot;DNS record&quot; gives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DKIM key published at %1 matches the signing key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DKIM key published at %1 is not the one the delivery signs with: every signature would fail. Publish the key&apos;s record, or sign with the published key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnalysisView</name>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Targeted</source>
        <translation>Targeted</translation>
    </message>
    <message>
        <source>To deliver</source>
        <translation>To deliver</translation>
    </message>
    <message>
        <source>To exclude</source>
        <translation>To exclude</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Success</translation>
    </message>
    <message>
        <source>Exclusions by reason</source>
        <translation>Exclusions by reason</translation>
    </message>
    <message>
        <source>Analysis log</source>
        <translation>Analysis log</translation>
    </message>
    <message>
        <source>Rows rejected at import</source>
        <translation>Rows rejected at import</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>CSV line</source>
        <translation>CSV line</translation>
    </message>
    <message>
        <source>Delivery #%1 · %2 · analyzed %3</source>
        <translation>Delivery #%1 · %2 · analyzed %3</translation>
    </message>
    <message>
        <source>Delivery #%1 · %2</source>
        <translation>Delivery #%1 · %2</translation>
    </message>
    <message>
        <source>Not analyzed yet</source>
        <translation>Not analyzed yet</translation>
    </message>
    <message numerus="yes">
        <source>Blocked: %n error(s)</source>
        <translation>
            <numerusform>Blocked: %n error</numerusform>
            <numerusform>Blocked: %n errors</numerusform>
        </translation>
    </message>
    <message>
        <source>Edited since the analysis</source>
        <translation>Edited since the analysis</translation>
    </message>
    <message numerus="yes">
        <source>Ready to confirm, %n warning(s)</source>
        <translation>
            <numerusform>Ready to confirm, %n warning</numerusform>
            <numerusform>Ready to confirm, %n warnings</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready to confirm</source>
        <translation>Ready to confirm</translation>
    </message>
    <message numerus="yes">
        <source>Analysis passed, %n warning(s)</source>
        <translation>
            <numerusform>Analysis passed, %n warning</numerusform>
            <numerusform>Analysis passed, %n warnings</numerusform>
        </translation>
    </message>
    <message>
        <source>Analysis passed</source>
        <translation>Analysis passed</translation>
    </message>
    <message>
        <source>No exclusion</source>
        <translation>No exclusion</translation>
    </message>
    <message>
        <source>Run the analysis to check this delivery.</source>
        <translation>Run the analysis to check this delivery.</translation>
    </message>
    <message>
        <source>More rows were rejected; sendscope-cli lists them all.</source>
        <translation>More rows were rejected; sendscope-cli lists them all.</translation>
    </message>
    <message>
        <source>Pre-flight plan by MX provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider / domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MX rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No MX rule limits the rate: as fast as the servers take the messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>At %Ln message(s) per hour for each destination</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Longer than the validity period: the rest will fail as validity expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the recipients to deliver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Sendscope: send email deliveries and follow every recipient.</source>
        <translation>Sendscope: send email deliveries and follow every recipient.</translation>
    </message>
    <message>
        <source>The database file (default: %1).</source>
        <translation>The database file (default: %1).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>LANG</translation>
    </message>
    <message>
        <source>TAB</source>
        <translation>TAB</translation>
    </message>
    <message>
        <source>Quit after this many milliseconds.</source>
        <translation>Quit after this many milliseconds.</translation>
    </message>
    <message>
        <source>MS</source>
        <translation>MS</translation>
    </message>
    <message>
        <source>Unknown language &apos;%1&apos;: use en or ko.</source>
        <translation>Unknown language &apos;%1&apos;: use en or ko.</translation>
    </message>
    <message>
        <source>--quit-after needs a number of milliseconds.</source>
        <translation>--quit-after needs a number of milliseconds.</translation>
    </message>
    <message>
        <source>Cannot write the screenshot %1.</source>
        <translation>Cannot write the screenshot %1.</translation>
    </message>
    <message>
        <source>Save a PNG of the window once its data is shown, then quit; with --quit-after, save it when quitting instead (a live dashboard needs a while to fill).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of the interface: en or ko (default: the one chosen last in the window, else the system&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIALOG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tab to show first: analysis, recipients, dashboard or report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown tab &apos;%1&apos;: use analysis, recipients, dashboard or report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dialog once the data is shown: editor (the selected delivery), new, settings, sandbox, feedback or proof (the selected delivery&apos;s). The screenshot is then of the dialog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown dialog &apos;%1&apos;: use editor, new, settings, sandbox, feedback or proof.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import recipients from a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path of a CSV file, first line naming the columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the email column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished">Line</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished">Reason</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;ncoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email column:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-16 (little-endian)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-16 (big-endian)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Korean (CP949 / EUC-KR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Western European (Windows-1252)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latin-1 (ISO-8859-1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vertical bar ( | )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a recipient list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected: %1, %2%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> with byte order mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The first %n rows are shown.</source>
        <translation>
            <numerusform>The first %n row is shown.</numerusform>
            <numerusform>The first %n rows are shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows in the file.</source>
        <translation>
            <numerusform>%n row in the file.</numerusform>
            <numerusform>%n rows in the file.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: no column looks like email addresses; choose the email column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceling: the import is rolled back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import canceled: the previous recipients are unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import failed, the previous recipients are unchanged: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %n recipient(s) from %1.</source>
        <translation>
            <numerusform>Imported %n recipient from %1.</numerusform>
            <numerusform>Imported %n recipients from %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>No row was rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) rejected:</source>
        <translation>
            <numerusform>%n row rejected:</numerusform>
            <numerusform>%n rows rejected:</numerusform>
        </translation>
    </message>
    <message>
        <source>the first %1 are listed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvPreviewModel</name>
    <message>
        <source>Line</source>
        <translation type="unfinished">Line</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(column %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No delivery selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken into account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 handed over (%3%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing left to hand over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated finish: not sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated finish: %1 (in %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated finish: measuring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To deliver</source>
        <translation type="unfinished">To deliver</translation>
    </message>
    <message>
        <source>Processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished">Sent</translation>
    </message>
    <message>
        <source>In retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished">Failed</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation type="unfinished">Canceled</translation>
    </message>
    <message>
        <source>Success</source>
        <translation type="unfinished">Success</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipients by log state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failure reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard</source>
        <translation type="unfinished">Hard</translation>
    </message>
    <message>
        <source>Soft</source>
        <translation type="unfinished">Soft</translation>
    </message>
    <message>
        <source>By destination domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain</source>
        <translation type="unfinished">Domain</translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln hard bounce(s) out of the processed messages</source>
        <translation>
            <numerusform>%Ln hard bounce out of the processed messages</numerusform>
            <numerusform>%Ln hard bounces out of the processed messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) with a soft bounce</source>
        <translation>
            <numerusform>%Ln recipient with a soft bounce</numerusform>
            <numerusform>%Ln recipients with a soft bounce</numerusform>
        </translation>
    </message>
    <message>
        <source>Taken into account by the relay, which never sent a delivery report on them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard bounces are at %1, above the %2 that mailbox providers accept: check the list before sending more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaints are at %1, above the %2 that mailbox providers accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard bounce rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soft bounce rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending is held: the database refuses writes. Nothing new is sent and nothing recorded is lost; it goes on by itself once the database accepts writes again.
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of %1 targeted, %2 excluded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Targeted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excluded by the analysis: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 hard, %2 expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard bounces: %1
Validity expired (soft bounces never delivered in time): %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryActions</name>
    <message>
        <source>&amp;Analyze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the analysis: exclusions, control rules and the pre-flight plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;proof…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the delivery to a few proof addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Confirm and send…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the analyzed delivery and start sending it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand nothing new to the MTA; what is in flight completes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue a paused delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the delivery for good; what was not handed over is canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New delivery…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a delivery: sender, subject, content, recipients and sending options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected delivery in the editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected delivery with its recipients, ready to edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected delivery with its recipients and log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryEditorContentPage</name>
    <message>
        <source>&amp;Derive from the HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Hello {{first_name|there}}&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import from &amp;file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import from f&amp;ile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML files (*.html *.htm);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import from file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template (fields shown as defaults)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryEditorDialog</name>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished">Loading…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This delivery is %1: it can no longer be edited. Duplicate it to send it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit delivery “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than 5 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not valid UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryEditorGeneralPage</name>
    <message>
        <source>news@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello {{first_name|there}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert a personalization field from the recipient list at the cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From n&amp;ame:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reply-To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryEditorHeadersPage</name>
    <message>
        <source>&amp;One-click (adds List-Unsubscribe-Post, RFC 8058)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://example.com/unsubscribe/{{id}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsubscribe@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List-Unsubscribe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mail to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the URL must start with https://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one-click unsubscribe needs an https URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a header has a value but no name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: set it with the List-Unsubscribe fields above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: given twice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryEditorRecipientsPage</name>
    <message>
        <source>&amp;Import CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the recipient list from a CSV file (a new delivery is saved first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported rows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected rows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recipients imported yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryEditorRoutePage</name>
    <message>
        <source>None chosen yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay (below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct (built-in MTA, MX lookup)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>smtp.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS when offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Implicit TLS (port 465)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (plain text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: a second, Ed25519 signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;oute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay &amp;host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;TLS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DKIM signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Selector:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed25519 s&amp;elector:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed25519 ke&amp;y file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DKIM private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM keys (*.pem *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved route: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Pool of %n relay(s), as written in the definition</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sandbox, as written in the definition</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryEditorSchedulePage</name>
    <message>
        <source>A number and a unit: s, m, h or d (e.g. 15m, 2h, 5d, 1h30m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;later, at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry soft failures after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry at most &amp;every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: everyone at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>25% or a count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wave si&amp;ze:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Interval:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size (count or %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;wave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove wa&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTC%1%2:%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryListModel</name>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Delivery #%1: %2</source>
        <translation>Delivery #%1: %2</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>To deliver</source>
        <translation>To deliver</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Success</translation>
    </message>
    <message>
        <source>Delivery #%1: %2. It goes through the sandbox route: nothing leaves this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact date: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryPrompts</name>
    <message>
        <source>Confirm the delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Send “%1” to %Ln recipient(s) now?</source>
        <translation>
            <numerusform>Send “%1” to %Ln recipient now?</numerusform>
            <numerusform>Send “%1” to %Ln recipients now?</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages handed to the MTA cannot be called back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop “%1” for good?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is in flight completes; every recipient not yet handed over is canceled. A stopped delivery cannot be resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Its %Ln recipient(s), their log and the attempts&apos; transcripts are deleted too. This cannot be undone.</source>
        <translation>
            <numerusform>Its %Ln recipient, its log and the attempts&apos; transcripts are deleted too. This cannot be undone.</numerusform>
            <numerusform>Its %Ln recipients, their log and the attempts&apos; transcripts are deleted too. This cannot be undone.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit Sendscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln delivery(s) are sending. Pause them and quit?</source>
        <translation>
            <numerusform>%Ln delivery is sending. Pause it and quit?</numerusform>
            <numerusform>%Ln deliveries are sending. Pause them and quit?</numerusform>
        </translation>
    </message>
    <message>
        <source>The messages in flight complete first and every state is saved. Resume the deliveries when you come back; nobody already handed over is sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause and &amp;quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DestinationHoldText</name>
    <message>
        <source>throttled (%1) until %2, at %3%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restoring after throttling (%1), at %2%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate %1/h: next slice at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connections %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>route limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MX rule: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (the route&apos;s limits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate: %1 per hour; this 5-minute slice: %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate: unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throttled by a %1 reply: at %2% of the rule until %3, then +25% per 5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next retry at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warm-up %1: %2 of %3 today; more from %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm-up of %1: %2 messages allowed today, %3 taken by every delivery; the next day starts at %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DkimKeyDialog</name>
    <message>
        <source>Generate a DKIM key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a DKIM key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM private key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Selector:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA 2048 bits (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA 4096 bits (slow to generate; long DNS record)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed25519 (a second signature beside RSA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Algorithm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File: choose the PEM file of the private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File: %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a DKIM private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM keys (*.pem *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DkimKeysPage</name>
    <message>
        <source>Domain</source>
        <translation type="unfinished">Domain</translation>
    </message>
    <message>
        <source>Selector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import PEM…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS TXT record to publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the record as a zone file line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value (each quoted string at most 255 characters):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key %1 is deleted. Remove its TXT record from DNS once no message signed with it is still being delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed25519</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under 2048 bits: accepted, but weak (RFC 8301). Replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No DKIM key yet. Generate one, or import an existing PEM file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating an RSA %1-bit key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating an Ed25519 key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 with a warning: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is stored in %1 (readable by you only). Publish the TXT record below in the DNS zone of %2 before sending signed mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete DKIM key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the private key %1? Mail can no longer be signed with it, and it cannot be recovered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeedbackPage</name>
    <message>
        <source>The Unmatched list could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
(from %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for the bounce mailboxes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No route has a bounce mailbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting the bounce mailbox password of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Reading %Ln bounce mailbox(es)…</source>
        <translation>
            <numerusform>Reading %Ln bounce mailbox…</numerusform>
            <numerusform>Reading %Ln bounce mailboxes…</numerusform>
        </translation>
    </message>
    <message>
        <source>Report message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the first %1 of %2 bytes were stored (the store keeps 256 KB of a report).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes, as received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address named</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnostic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch reports now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No unmatched report: every report read so far named a recipient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln unmatched report(s): they named nobody this database knows, and changed nothing.</source>
        <translation>
            <numerusform>%Ln unmatched report: they named nobody this database knows, and changed nothing.</numerusform>
            <numerusform>%Ln unmatched reports: they named nobody this database knows, and changed nothing.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> %Ln shown.</source>
        <translation>
            <numerusform> %Ln shown.</numerusform>
            <numerusform> %Ln shown.</numerusform>
        </translation>
    </message>
    <message>
        <source>the message is no longer stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln new report(s)</source>
        <translation type="unfinished">
            <numerusform>%1: %Ln new report</numerusform>
            <numerusform>%1: %Ln new reports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln unmatched</source>
        <translation type="unfinished">
            <numerusform>, %Ln unmatched</numerusform>
            <numerusform>, %Ln unmatched</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln delivery(ies) finished</source>
        <translation type="unfinished">
            <numerusform>, %Ln delivery finished</numerusform>
            <numerusform>, %Ln deliveries finished</numerusform>
        </translation>
    </message>
    <message>
        <source>; the rest waits until a send in progress is recorded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InboundRulesPage</name>
    <message>
        <source>Messages in the bounce mailbox that are no standard delivery report or complaint are matched against these rules in order: text bounces of mail servers, vacation replies, unsubscribe requests. The first enabled rule whose filled patterns all match (regular expressions, case-insensitive, over the sender, the subject and the text of the message) says what it is. For a bounce, a remote reply quoted in it is qualified by the bounce rules; the failure type and reason here apply when it quotes none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failure type</source>
        <translation type="unfinished">Failure type</translation>
    </message>
    <message>
        <source>Failure reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a whole message, headers and body, as it came back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test a message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Reports read from now on are classified with these rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(from the quoted reply)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the default inbound-mail rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace every inbound-mail rule with the built-in defaults? Your own rules are lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring the defaults…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the table first: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1 matches: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rule matches; read as: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the first %1 KiB were tested.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogDetailPane</name>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permanent failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporary failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possibly delivered twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished">Reason</translation>
    </message>
    <message>
        <source>Remote host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMTP transcript of the selected attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a recipient to see its attempts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the attempts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No attempt yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln attempt(s)</source>
        <translation>
            <numerusform>%Ln attempt</numerusform>
            <numerusform>%Ln attempts</numerusform>
        </translation>
    </message>
    <message>
        <source>Delivery report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribe request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1] %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
(from %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reply and no report yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln report(s) read from the bounce mailbox</source>
        <translation>
            <numerusform>%Ln report read from the bounce mailbox</numerusform>
            <numerusform>%Ln reports read from the bounce mailbox</numerusform>
        </translation>
    </message>
    <message>
        <source>Report message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the first %1 of %2 bytes were stored (the store keeps 256 KB of a report).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes, as received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the feedback timeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished">Attempts</translation>
    </message>
    <message>
        <source>Feedback timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind / action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished">Rule</translation>
    </message>
    <message>
        <source>Effect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matched by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <source>Database error: %1</source>
        <translation type="unfinished">Database error: %1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) match</source>
        <translation>
            <numerusform>%Ln recipient matches</numerusform>
            <numerusform>%Ln recipients match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) in the log</source>
        <translation>
            <numerusform>%Ln recipient in the log</numerusform>
            <numerusform>%Ln recipients in the log</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the log as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No delivery is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exporting: %1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) exported</source>
        <translation>
            <numerusform>%Ln row exported</numerusform>
            <numerusform>%Ln rows exported</numerusform>
        </translation>
    </message>
    <message>
        <source>export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search addresses…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop writing the CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the recipients the filter matches, in this order, as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message is no longer stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was canceled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Database error: %1</source>
        <translation>Database error: %1</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Refreshing…</translation>
    </message>
    <message>
        <source>The database %1 could not be opened.</source>
        <translation>The database %1 could not be opened.</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>Sendscope could not open the database %1.</source>
        <translation>Sendscope could not open the database %1.</translation>
    </message>
    <message>
        <source>%1 – Sendscope</source>
        <translation>%1 – Sendscope</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analysis</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>Cannot change the delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation type="unfinished">Delivery</translation>
    </message>
    <message>
        <source>Analyzing “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The analysis failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The analysis of delivery #%1 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery #%1 analyzed: an error blocks the send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery #%1 analyzed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proof #%1 of delivery #%2 sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proof was not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting delivery #%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pausing: the messages in flight complete first…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery #%1 ended: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot send the delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine: idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine: delivery #%1 %2 · %3 of %4 sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Engine: sending %Ln delivery(s)</source>
        <translation>
            <numerusform>Engine: sending %Ln delivery</numerusform>
            <numerusform>Engine: sending %Ln deliveries</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot duplicate the delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete the delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery #%1 deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database holds no delivery yet.
Create one with File &gt; New delivery (%1), or with:
sendscope-cli --db %2 delivery import DEFINITION.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pausing the deliveries before quitting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report as &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts as &amp;PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report as P&amp;DF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sand&amp;box outcomes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recipient(s) imported, %2 rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DKIM keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounce rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The route “%1” needs a password; nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming delivery #%1, interrupted when Sendscope last quit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery #%1 was not resumed here: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MX rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery reports read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some bounce mailboxes could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback: unmatched reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fetch delivery reports now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmatched &amp;reports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbound-mail rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery #%1 goes on: the database accepts writes again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery #%1 is held: the database refuses writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery #%1 finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every recipient is final; the dashboard and the report show how it went.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery #%1 paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is in flight; resume it when you are ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery #%1 stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was not handed over is canceled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery #%1 is waiting for delivery reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery #%1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery #%1 is held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pausing the deliveries before quitting… The database refuses writes: close the window again to quit anyway.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MxRulesPage</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect timeout (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command timeout (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data timeout (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Deliveries started from now on use these rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The route&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS when offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a host pattern is required (&quot;*&quot; matches every host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host name pattern (letters, digits, &apos;.&apos;, &apos;-&apos;, &apos;*&apos; and &apos;?&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a TLS choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the default MX rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace every MX rule with the built-in defaults? Your own rules are lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring the defaults…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first rule whose pattern matches the host a message goes to (the MX host, or the relay&apos;s) limits that destination, on top of the route&apos;s own limits: the stricter wins, and 0 means the route&apos;s. Messages per hour are spread over 5-minute slices. A reply that signals throttling (421, 4.7.x, &quot;try again later&quot;) cuts a destination&apos;s rate and connections (to 50 %) for a cool-down (300 s), then they come back by a step (25 points) every cool-down; a rule can set its own, 0 meaning these. The cut is kept, so the next send starts there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throttled: cut to (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cool-down (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore step (%)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordVault</name>
    <message>
        <source>Password for route %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 on route %2.
No keychain is available: it is kept for this run only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProofDialog</name>
    <message>
        <source>Send a proof of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proof addresses (up to %1), separated by commas or new lines. Each proof is personalized with one of the first recipients and its subject starts with “[Proof #N]”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send proof</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 addresses: a proof goes to %2 at most.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the proof…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proof was not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished">Failed</translation>
    </message>
    <message>
        <source>Proof #%1: %2 of %3 accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proofs sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proof</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished">Sent</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proofs sent: none yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QualificationRulesPage</name>
    <message>
        <source>Every SMTP failure reply is matched against these rules in order; the first enabled rule that matches gives the failure type and reason. A rule matches when all its filled fields match: the enhanced code (5.1.1, or 5.7.* for a group), a regular expression over the reply text (case-insensitive), and the reply class (4, 5 or a full code such as 421).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enhanced code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failure type</source>
        <translation type="unfinished">Failure type</translation>
    </message>
    <message>
        <source>Failure reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a reply, e.g. 550 5.1.1 &lt;x@example.com&gt;: Recipient address rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test a reply:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Deliveries started from now on qualify replies with these rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the default rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace every rule with the built-in defaults? Your own rules are lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring the defaults…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the table first: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rule matches; by its class the reply is: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1 matches: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuarantinePage</name>
    <message>
        <source>Valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denylisted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to Valid with the error count reset: later analyses include the addresses again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to &amp;denylist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denylist:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) released.</source>
        <translation>
            <numerusform>%n address released.</numerusform>
            <numerusform>%n addresses released.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is denylisted: later analyses exclude it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No address has had an error yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No address matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecipientLogModel</name>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Failure type</source>
        <translation>Failure type</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Last reply</source>
        <translation>Last reply</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Message-ID</source>
        <translation>Message-ID</translation>
    </message>
    <message>
        <source>Being sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed over; waiting for the destination&apos;s report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery is not confirmed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery starts later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery is paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry after a temporary failure (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued: connection and rate limits of its domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The validity period ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why waiting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <source>Throughput: no message handed over yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Throughput (messages per minute, %n-minute steps)</source>
        <translation>
            <numerusform>Throughput (messages per minute, %n-minute steps)</numerusform>
            <numerusform>Throughput (messages per minute, %n-minute steps)</numerusform>
        </translation>
    </message>
    <message>
        <source>per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-deliverables by reason: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-deliverables by reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard</source>
        <translation type="unfinished">Hard</translation>
    </message>
    <message>
        <source>Soft</source>
        <translation type="unfinished">Soft</translation>
    </message>
</context>
<context>
    <name>ReportPdf</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-deliverables by reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished">Reason</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation type="unfinished">Hard</translation>
    </message>
    <message>
        <source>Soft</source>
        <translation type="unfinished">Soft</translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-deliverables by domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain</source>
        <translation type="unfinished">Domain</translation>
    </message>
    <message>
        <source>To deliver</source>
        <translation type="unfinished">To deliver</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished">Sent</translation>
    </message>
    <message numerus="yes">
        <source>Only the %n domain(s) with the most failures are listed; the CSV export has them all.</source>
        <translation>
            <numerusform>Only the %n domain with the most failures is listed; the CSV export has them all.</numerusform>
            <numerusform>Only the %n domains with the most failures are listed; the CSV export has them all.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Loading the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished">State</translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished">Finished</translation>
    </message>
    <message>
        <source>Targeted</source>
        <translation type="unfinished">Targeted</translation>
    </message>
    <message>
        <source>To deliver</source>
        <translation type="unfinished">To deliver</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success</source>
        <translation type="unfinished">Success</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No delivery selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (hard %2, soft or expired %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Only the %n domain(s) with the most failures are listed; the CSV export has them all.</source>
        <translation>
            <numerusform>Only the %n domain with the most failures is listed; the CSV export has them all.</numerusform>
            <numerusform>Only the %n domains with the most failures are listed; the CSV export has them all.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no report to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CSV export is already being written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery report: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the report as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the charts as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the report as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export charts as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-deliverables by reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-deliverables by domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished">Reason</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation type="unfinished">Hard</translation>
    </message>
    <message>
        <source>Soft</source>
        <translation type="unfinished">Soft</translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain</source>
        <translation type="unfinished">Domain</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished">Sent</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>There is no delivery %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RouteEditor</name>
    <message>
        <source>Relay (smarthost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct (each domain&apos;s MX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS when offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Implicit TLS (port 465)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (plaintext)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, for sendscope-cli</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay&apos;s acceptance means sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for delivery status notifications (DSN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system&apos;s certificate authorities only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain</source>
        <translation type="unfinished">Domain</translation>
    </message>
    <message>
        <source>Host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HELO name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections per domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages in flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MX overrides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no domain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate authorities (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished">Failed</translation>
    </message>
    <message>
        <source>Delayed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the From address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounce address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VERP: a bounce address per recipient (bounces+TOKEN@domain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounce mailbox (IMAP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Implicit TLS (port 993)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (loopback servers only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark it as seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move it to a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test mailbox connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool of relays (spread by weight, failover)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages are spread over the members by weight; one that cannot be reached or drops the connection is left out for a while and the others take its share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written in the route itself, not a saved route; kept as it is unless renamed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved relay or direct route</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RouteTester</name>
    <message>
        <source>%1 goes to %2 (mx_override)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aborted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain %1 does not exist (NXDOMAIN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MX lookup for %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain %1 accepts no mail (null MX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no MX record: its own address is used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MX of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent: the connection was dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QUIT sent, connection closed; no mail was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected to %1 (%2) port %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HELO accepted (the server does not know EHLO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EHLO %1: %2 extensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake refused: the certificate is not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>implicit TLS: %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS: %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS is off for this route (tls: none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server offers no STARTTLS: this route continues without TLS (opportunistic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not verified (%1): encrypted anyway, as the opportunistic policy allows without AUTH; set tls to starttls-required to insist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verified for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no TLS, no certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 as %2 refused: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no username: this route does not authenticate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 as %2 accepted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoutesPage</name>
    <message>
        <source>MX lookup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EHLO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUTH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QUIT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test domain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>example.com: its MX is tested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password for route %1: the test needs one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password of %1 could not go to the keychain (%2): it is kept for this run only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>direct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New route: fill in the form, then Save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: correct the fields marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route %1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the route %1? Deliveries that name it can no longer be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route %1 deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>route.password: enter the password to test this new route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting the password of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection test passed. No mail was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection test failed: see the step marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no username, no password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept for this run only (no keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged (in the system keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged (asked once per run: no keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sandbox: nothing leaves this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox route is edited in File &gt; Sandbox outcomes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password for the bounce mailbox of %1: the test needs one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>route.bounce_mailbox.password: enter the password to test this mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting the bounce mailbox password of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the bounce mailbox…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mailbox test could not start: correct the fields marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounce mailbox test passed: logged in and opened the folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounce mailbox test failed: see the step marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fill in the bounce mailbox first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pool of relays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test each member of the pool as its own saved route</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RuleTablePage</name>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore &amp;defaults…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the rules…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxBanner</name>
    <message>
        <source>[Sandbox]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Sandbox] %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox route: messages go to a local test sink on this computer and never reach anyone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox answers each recipient domain with the outcome chosen in Sandbox settings (accept, hard bounce, soft bounce or throttle). Nothing is delivered.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxDialog</name>
    <message>
        <source>Accept (250)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard bounce (550 5.1.1 user unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soft bounce (452 4.2.2 mailbox full)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throttle (421 4.7.0 try again later, connection closed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox answers each recipient with the outcome of its domain (or of its closest listed parent domain). The sample delivery uses example.com, bounce.example, mailbox-full.example and throttled.example.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every other domain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency per message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox route could not be read (%1); the default table is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the sandbox route…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. bounce.example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: enter a domain, or remove the row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: “%2” is not a domain name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: %2 is listed twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StateNames</name>
    <message>
        <source>Pending</source>
        <comment>recipient log state</comment>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Taken into account by the service provider</source>
        <comment>recipient log state</comment>
        <translation>Taken into account by the service provider</translation>
    </message>
    <message>
        <source>Sent</source>
        <comment>recipient log state</comment>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>recipient log state</comment>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Ignored</source>
        <comment>recipient log state</comment>
        <translation>Ignored</translation>
    </message>
    <message>
        <source>Canceled</source>
        <comment>recipient log state</comment>
        <translation>Canceled</translation>
    </message>
    <message>
        <source>Being edited</source>
        <comment>delivery state</comment>
        <translation>Being edited</translation>
    </message>
    <message>
        <source>Analyzed</source>
        <comment>delivery state</comment>
        <translation>Analyzed</translation>
    </message>
    <message>
        <source>Analysis failed</source>
        <comment>delivery state</comment>
        <translation>Analysis failed</translation>
    </message>
    <message>
        <source>Pending</source>
        <comment>delivery state</comment>
        <translation>Pending</translation>
    </message>
    <message>
        <source>In progress</source>
        <comment>delivery state</comment>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Paused</source>
        <comment>delivery state</comment>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Stopped</source>
        <comment>delivery state</comment>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>Finished</source>
        <comment>delivery state</comment>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>delivery state</comment>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Hard</source>
        <comment>failure type</comment>
        <translation>Hard</translation>
    </message>
    <message>
        <source>Soft</source>
        <comment>failure type</comment>
        <translation>Soft</translation>
    </message>
    <message>
        <source>Ignored</source>
        <comment>failure type</comment>
        <translation>Ignored</translation>
    </message>
    <message>
        <source>User unknown</source>
        <translation>User unknown</translation>
    </message>
    <message>
        <source>Invalid domain</source>
        <translation>Invalid domain</translation>
    </message>
    <message>
        <source>Mailbox full</source>
        <translation>Mailbox full</translation>
    </message>
    <message>
        <source>Inactive mailbox</source>
        <translation>Inactive mailbox</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Unreachable</translation>
    </message>
    <message>
        <source>Message too large</source>
        <translation>Message too large</translation>
    </message>
    <message>
        <source>Address not specified</source>
        <translation>Address not specified</translation>
    </message>
    <message>
        <source>Invalid address</source>
        <translation>Invalid address</translation>
    </message>
    <message>
        <source>Quarantined address</source>
        <translation>Quarantined address</translation>
    </message>
    <message>
        <source>Denylisted address</source>
        <translation>Denylisted address</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>Target limited in size</source>
        <translation>Target limited in size</translation>
    </message>
    <message>
        <source>Not defined</source>
        <translation>Not defined</translation>
    </message>
    <message>
        <source>Info</source>
        <comment>analysis level</comment>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <comment>analysis level</comment>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Error</source>
        <comment>analysis level</comment>
        <translation>Error</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuccessGauge</name>
    <message>
        <source>%1%</source>
        <translation type="unfinished">%1%</translation>
    </message>
</context>
</TS>
