<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AnalysisView</name>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Targeted</source>
        <translation>타겟팅됨</translation>
    </message>
    <message>
        <source>To deliver</source>
        <translation>게재 예정</translation>
    </message>
    <message>
        <source>To exclude</source>
        <translation>제외 예정</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>성공</translation>
    </message>
    <message>
        <source>Exclusions by reason</source>
        <translation>원인별 제외</translation>
    </message>
    <message>
        <source>Pre-flight plan by destination domain</source>
        <translation>수신 도메인별 발송 전 계획</translation>
    </message>
    <message>
        <source>Analysis log</source>
        <translation>분석 로그</translation>
    </message>
    <message>
        <source>Rows rejected at import</source>
        <translation>가져오기에서 거부된 행</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>원인</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>수신자</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>도메인</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>비율</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>수준</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>규칙</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>CSV line</source>
        <translation>CSV 행</translation>
    </message>
    <message>
        <source>Delivery #%1 · %2 · analyzed %3</source>
        <translation>게재 #%1 · %2 · %3에 분석됨</translation>
    </message>
    <message>
        <source>Delivery #%1 · %2</source>
        <translation>게재 #%1 · %2</translation>
    </message>
    <message>
        <source>Not analyzed yet</source>
        <translation>아직 분석되지 않음</translation>
    </message>
    <message numerus="yes">
        <source>Blocked: %n error(s)</source>
        <translation>
            <numerusform>차단됨: 오류 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Edited since the analysis</source>
        <translation>분석 후 편집됨</translation>
    </message>
    <message numerus="yes">
        <source>Ready to confirm, %n warning(s)</source>
        <translation>
            <numerusform>확인 준비 완료, 경고 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready to confirm</source>
        <translation>확인 준비 완료</translation>
    </message>
    <message numerus="yes">
        <source>Analysis passed, %n warning(s)</source>
        <translation>
            <numerusform>분석 통과, 경고 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Analysis passed</source>
        <translation>분석 통과</translation>
    </message>
    <message>
        <source>No exclusion</source>
        <translation>제외 없음</translation>
    </message>
    <message>
        <source>Run the analysis to check this delivery.</source>
        <translation>이 게재를 확인하려면 분석을 실행하십시오.</translation>
    </message>
    <message>
        <source>More rows were rejected; sendscope-cli lists them all.</source>
        <translation>더 많은 행이 거부되었습니다. 전체 목록은 sendscope-cli에서 볼 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Sendscope: send email deliveries and follow every recipient.</source>
        <translation>Sendscope: 이메일 게재를 보내고 모든 수신자를 추적합니다.</translation>
    </message>
    <message>
        <source>The database file (default: %1).</source>
        <translation>데이터베이스 파일(기본값: %1).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>The language of the interface: en or ko (default: the system&apos;s).</source>
        <translation>인터페이스 언어: en 또는 ko(기본값: 시스템 언어).</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>TAB</source>
        <translation>탭</translation>
    </message>
    <message>
        <source>Quit after this many milliseconds.</source>
        <translation>지정한 밀리초가 지나면 종료합니다.</translation>
    </message>
    <message>
        <source>MS</source>
        <translation>밀리초</translation>
    </message>
    <message>
        <source>Unknown language &apos;%1&apos;: use en or ko.</source>
        <translation>알 수 없는 언어 &apos;%1&apos;: en 또는 ko를 사용하십시오.</translation>
    </message>
    <message>
        <source>--quit-after needs a number of milliseconds.</source>
        <translation>--quit-after에는 밀리초 단위의 숫자가 필요합니다.</translation>
    </message>
    <message>
        <source>Cannot write the screenshot %1.</source>
        <translation>스크린샷 %1을(를) 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Save a PNG of the window once its data is shown, then quit; with --quit-after, save it when quitting instead (a live dashboard needs a while to fill).</source>
        <translation>창의 데이터가 표시되면 PNG로 저장한 뒤 종료합니다. --quit-after와 함께 쓰면 종료할 때 저장합니다(실시간 대시보드는 채워지는 데 시간이 걸립니다).</translation>
    </message>
    <message>
        <source>The tab to show first: analysis, recipients or dashboard.</source>
        <translation>처음 보여 줄 탭: analysis, recipients 또는 dashboard.</translation>
    </message>
    <message>
        <source>Unknown tab &apos;%1&apos;: use analysis, recipients or dashboard.</source>
        <translation>알 수 없는 탭 &apos;%1&apos;: analysis, recipients 또는 dashboard를 사용하십시오.</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1분</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <source>No delivery selected</source>
        <translation>선택된 게재 없음</translation>
    </message>
    <message>
        <source>Taken into account</source>
        <translation>서비스 공급자가 고려함</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No failure</source>
        <translation>실패 없음</translation>
    </message>
    <message>
        <source>%1 of %2 handed over (%3%)</source>
        <translation>%2건 중 %1건 전달됨(%3%)</translation>
    </message>
    <message>
        <source>Nothing left to hand over</source>
        <translation>더 전달할 메시지 없음</translation>
    </message>
    <message>
        <source>Estimated finish: not sending</source>
        <translation>예상 완료: 전송 중 아님</translation>
    </message>
    <message>
        <source>Estimated finish: %1 (in %2)</source>
        <translation>예상 완료: %1(%2 후)</translation>
    </message>
    <message>
        <source>Estimated finish: measuring…</source>
        <translation>예상 완료: 측정 중…</translation>
    </message>
    <message>
        <source>To deliver</source>
        <translation>게재 예정</translation>
    </message>
    <message>
        <source>Processed</source>
        <translation>처리됨</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>전송됨</translation>
    </message>
    <message>
        <source>In retry</source>
        <translation>재시도 중</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>성공</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>처리량</translation>
    </message>
    <message>
        <source>messages per minute</source>
        <translation>분당 메시지 수</translation>
    </message>
    <message>
        <source>Recipients by log state</source>
        <translation>로그 상태별 수신자</translation>
    </message>
    <message>
        <source>Failure reasons</source>
        <translation>오류 원인</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation>하드</translation>
    </message>
    <message>
        <source>Soft</source>
        <translation>소프트</translation>
    </message>
    <message>
        <source>By destination domain</source>
        <translation>수신 도메인별</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>도메인</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>수</translation>
    </message>
</context>
<context>
    <name>DeliveryActions</name>
    <message>
        <source>&amp;Analyze</source>
        <translation>분석(&amp;A)</translation>
    </message>
    <message>
        <source>Run the analysis: exclusions, control rules and the pre-flight plan</source>
        <translation>분석 실행: 제외, 제어 규칙, 발송 전 계획</translation>
    </message>
    <message>
        <source>Send &amp;proof…</source>
        <translation>증명 보내기(&amp;P)…</translation>
    </message>
    <message>
        <source>Send the delivery to a few proof addresses</source>
        <translation>몇 개의 증명 주소로 게재를 보냅니다</translation>
    </message>
    <message>
        <source>&amp;Confirm and send…</source>
        <translation>확인 후 보내기(&amp;C)…</translation>
    </message>
    <message>
        <source>Confirm the analyzed delivery and start sending it</source>
        <translation>분석된 게재를 확인하고 전송을 시작합니다</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>일시 중지(&amp;U)</translation>
    </message>
    <message>
        <source>Hand nothing new to the MTA; what is in flight completes</source>
        <translation>MTA에 새 메시지를 넘기지 않습니다. 전송 중인 메시지는 완료됩니다</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>다시 시작(&amp;R)</translation>
    </message>
    <message>
        <source>Continue a paused delivery</source>
        <translation>일시 중지된 게재를 계속합니다</translation>
    </message>
    <message>
        <source>S&amp;top…</source>
        <translation>중지(&amp;T)…</translation>
    </message>
    <message>
        <source>Stop the delivery for good; what was not handed over is canceled</source>
        <translation>게재를 완전히 중지합니다. 넘기지 않은 메시지는 취소됩니다</translation>
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
        <translation>게재 #%1: %2</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>게재</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>To deliver</source>
        <translation>게재 예정</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>성공</translation>
    </message>
</context>
<context>
    <name>DeliveryPrompts</name>
    <message>
        <source>Confirm the delivery</source>
        <translation>게재 확인</translation>
    </message>
    <message numerus="yes">
        <source>Send “%1” to %Ln recipient(s) now?</source>
        <translation>
            <numerusform>“%1”을(를) 지금 수신자 %Ln명에게 보내시겠습니까?</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages handed to the MTA cannot be called back.</source>
        <translation>MTA에 넘긴 메시지는 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>보내기(&amp;S)</translation>
    </message>
    <message>
        <source>Stop the delivery</source>
        <translation>게재 중지</translation>
    </message>
    <message>
        <source>Stop “%1” for good?</source>
        <translation>“%1”을(를) 완전히 중지하시겠습니까?</translation>
    </message>
    <message>
        <source>What is in flight completes; every recipient not yet handed over is canceled. A stopped delivery cannot be resumed.</source>
        <translation>전송 중인 메시지는 완료되고, 아직 넘기지 않은 수신자는 모두 취소됩니다. 중지된 게재는 다시 시작할 수 없습니다.</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>중지(&amp;T)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Database error: %1</source>
        <translation>데이터베이스 오류: %1</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>새로 고치는 중…</translation>
    </message>
    <message>
        <source>The database %1 could not be opened.</source>
        <translation>데이터베이스 %1을(를) 열 수 없습니다.</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>데이터베이스를 열 수 없음</translation>
    </message>
    <message>
        <source>Sendscope could not open the database %1.</source>
        <translation>Sendscope가 데이터베이스 %1을(를) 열 수 없습니다.</translation>
    </message>
    <message>
        <source>This database holds no delivery yet.
Create one with: sendscope-cli --db %1 delivery import DEFINITION.json</source>
        <translation>이 데이터베이스에는 아직 게재가 없습니다.
다음 명령으로 만드십시오: sendscope-cli --db %1 delivery import DEFINITION.json</translation>
    </message>
    <message>
        <source>Counting recipients…</source>
        <translation>수신자 수를 세는 중…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) in the log</source>
        <translation>
            <numerusform>로그의 수신자 %Ln명</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 – Sendscope</source>
        <translation>%1 – Sendscope</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>분석</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>수신자</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>데이터베이스: %1</translation>
    </message>
    <message>
        <source>Cannot change the delivery</source>
        <translation>게재를 변경할 수 없음</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>대시보드</translation>
    </message>
    <message>
        <source>&amp;Delivery</source>
        <translation>게재(&amp;D)</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>게재</translation>
    </message>
    <message>
        <source>Analyzing “%1”…</source>
        <translation>“%1” 분석 중…</translation>
    </message>
    <message>
        <source>The analysis failed</source>
        <translation>분석 실패</translation>
    </message>
    <message>
        <source>The analysis of delivery #%1 failed.</source>
        <translation>게재 #%1의 분석에 실패했습니다.</translation>
    </message>
    <message>
        <source>Delivery #%1 analyzed: an error blocks the send.</source>
        <translation>게재 #%1 분석됨: 오류 때문에 보낼 수 없습니다.</translation>
    </message>
    <message>
        <source>Delivery #%1 analyzed.</source>
        <translation>게재 #%1 분석됨.</translation>
    </message>
    <message>
        <source>Proof #%1 of delivery #%2 sent.</source>
        <translation>게재 #%2의 증명 #%1을(를) 보냈습니다.</translation>
    </message>
    <message>
        <source>The proof was not sent: %1</source>
        <translation>증명을 보내지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Starting delivery #%1…</source>
        <translation>게재 #%1 시작 중…</translation>
    </message>
    <message>
        <source>Pausing: the messages in flight complete first…</source>
        <translation>일시 중지 중: 전송 중인 메시지가 먼저 완료됩니다…</translation>
    </message>
    <message>
        <source>The delivery failed</source>
        <translation>게재 실패</translation>
    </message>
    <message>
        <source>Delivery #%1 ended: %2</source>
        <translation>게재 #%1 종료: %2</translation>
    </message>
    <message>
        <source>Cannot send the delivery</source>
        <translation>게재를 보낼 수 없음</translation>
    </message>
    <message>
        <source>Engine: idle</source>
        <translation>엔진: 대기 중</translation>
    </message>
    <message>
        <source>Engine: delivery #%1 %2 · %3 of %4 sent</source>
        <translation>엔진: 게재 #%1 %2 · %4건 중 %3건 전송됨</translation>
    </message>
    <message numerus="yes">
        <source>Engine: sending %Ln delivery(s)</source>
        <translation>
            <numerusform>엔진: 게재 %Ln건 전송 중</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProofDialog</name>
    <message>
        <source>Send a proof of “%1”</source>
        <translation>“%1”의 증명 보내기</translation>
    </message>
    <message>
        <source>Proof addresses (up to %1), separated by commas or new lines. Each proof is personalized with one of the first recipients and its subject starts with “[Proof #N]”.</source>
        <translation>증명 주소(최대 %1개)를 쉼표나 줄 바꿈으로 구분하여 입력하십시오. 각 증명은 처음 수신자 중 한 명의 값으로 개인화되며 제목은 “[Proof #N]”으로 시작합니다.</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>응답</translation>
    </message>
    <message>
        <source>&amp;Send proof</source>
        <translation>증명 보내기(&amp;S)</translation>
    </message>
    <message>
        <source>%1 addresses: a proof goes to %2 at most.</source>
        <translation>주소 %1개: 증명은 최대 %2개 주소로 보낼 수 있습니다.</translation>
    </message>
    <message>
        <source>Sending the proof…</source>
        <translation>증명을 보내는 중…</translation>
    </message>
    <message>
        <source>The proof was not sent: %1</source>
        <translation>증명을 보내지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>수락됨</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Proof #%1: %2 of %3 accepted.</source>
        <translation>증명 #%1: %3건 중 %2건 수락됨.</translation>
    </message>
</context>
<context>
    <name>RecipientLogModel</name>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>행</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Failure type</source>
        <translation>오류 유형</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>오류 원인</translation>
    </message>
    <message>
        <source>Last reply</source>
        <translation>마지막 응답</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>시도 횟수</translation>
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
        <translation>보류 중</translation>
    </message>
    <message>
        <source>Taken into account by the service provider</source>
        <comment>recipient log state</comment>
        <translation>서비스 공급자가 고려함</translation>
    </message>
    <message>
        <source>Sent</source>
        <comment>recipient log state</comment>
        <translation>전송됨</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>recipient log state</comment>
        <translation>실패</translation>
    </message>
    <message>
        <source>Ignored</source>
        <comment>recipient log state</comment>
        <translation>무시됨</translation>
    </message>
    <message>
        <source>Canceled</source>
        <comment>recipient log state</comment>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>Being edited</source>
        <comment>delivery state</comment>
        <translation>편집 중</translation>
    </message>
    <message>
        <source>Analyzed</source>
        <comment>delivery state</comment>
        <translation>분석됨</translation>
    </message>
    <message>
        <source>Analysis failed</source>
        <comment>delivery state</comment>
        <translation>분석 실패</translation>
    </message>
    <message>
        <source>Pending</source>
        <comment>delivery state</comment>
        <translation>보류 중</translation>
    </message>
    <message>
        <source>In progress</source>
        <comment>delivery state</comment>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>Paused</source>
        <comment>delivery state</comment>
        <translation>일시 중지됨</translation>
    </message>
    <message>
        <source>Stopped</source>
        <comment>delivery state</comment>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>Finished</source>
        <comment>delivery state</comment>
        <translation>완료됨</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>delivery state</comment>
        <translation>실패</translation>
    </message>
    <message>
        <source>Hard</source>
        <comment>failure type</comment>
        <translation>하드</translation>
    </message>
    <message>
        <source>Soft</source>
        <comment>failure type</comment>
        <translation>소프트</translation>
    </message>
    <message>
        <source>Ignored</source>
        <comment>failure type</comment>
        <translation>무시됨</translation>
    </message>
    <message>
        <source>User unknown</source>
        <translation>알 수 없는 사용자</translation>
    </message>
    <message>
        <source>Invalid domain</source>
        <translation>잘못된 도메인</translation>
    </message>
    <message>
        <source>Mailbox full</source>
        <translation>사서함 가득 참</translation>
    </message>
    <message>
        <source>Inactive mailbox</source>
        <translation>비활성 사서함</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>거부됨</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>연결할 수 없음</translation>
    </message>
    <message>
        <source>Message too large</source>
        <translation>메시지가 너무 큼</translation>
    </message>
    <message>
        <source>Address not specified</source>
        <translation>주소가 지정되지 않음</translation>
    </message>
    <message>
        <source>Invalid address</source>
        <translation>잘못된 주소</translation>
    </message>
    <message>
        <source>Quarantined address</source>
        <translation>격리된 주소</translation>
    </message>
    <message>
        <source>Denylisted address</source>
        <translation>차단 목록에 있는 주소</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>중복</translation>
    </message>
    <message>
        <source>Target limited in size</source>
        <translation>타겟 크기 제한</translation>
    </message>
    <message>
        <source>Not defined</source>
        <translation>정의되지 않음</translation>
    </message>
    <message>
        <source>Info</source>
        <comment>analysis level</comment>
        <translation>정보</translation>
    </message>
    <message>
        <source>Warning</source>
        <comment>analysis level</comment>
        <translation>경고</translation>
    </message>
    <message>
        <source>Error</source>
        <comment>analysis level</comment>
        <translation>오류</translation>
    </message>
</context>
<context>
    <name>StoreWorker</name>
    <message>
        <source>The database is not open.</source>
        <translation>데이터베이스가 열려 있지 않습니다.</translation>
    </message>
    <message>
        <source>A proof is already being sent.</source>
        <translation>이미 증명을 보내는 중입니다.</translation>
    </message>
</context>
<context>
    <name>SuccessGauge</name>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
</context>
</TS>
