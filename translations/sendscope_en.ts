<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
        <source>Pre-flight plan by destination domain</source>
        <translation>Pre-flight plan by destination domain</translation>
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
        <source>Domain</source>
        <translation>Domain</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Share</translation>
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
        <source>The language of the interface: en or ko (default: the system&apos;s).</source>
        <translation>The language of the interface: en or ko (default: the system&apos;s).</translation>
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
        <source>The tab to show first: analysis, recipients or dashboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown tab &apos;%1&apos;: use analysis, recipients or dashboard.</source>
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
</context>
<context>
    <name>DeliveryPrompts</name>
    <message>
        <source>Confirm the delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Send “%1” to %Ln recipient(s) now?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <source>This database holds no delivery yet.
Create one with: sendscope-cli --db %1 delivery import DEFINITION.json</source>
        <translation>This database holds no delivery yet.
Create one with: sendscope-cli --db %1 delivery import DEFINITION.json</translation>
    </message>
    <message>
        <source>Counting recipients…</source>
        <translation>Counting recipients…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) in the log</source>
        <translation>
            <numerusform>%Ln recipient in the log</numerusform>
            <numerusform>%Ln recipients in the log</numerusform>
        </translation>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
</context>
<context>
    <name>StoreWorker</name>
    <message>
        <source>The database is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A proof is already being sent.</source>
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
