<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AnalysisReport</name>
    <message>
        <source>Analysis finished with %1 error(s): the delivery cannot be confirmed.</source>
        <translation>분석 완료, 오류 %1개: 게재를 확정할 수 없습니다.</translation>
    </message>
    <message>
        <source>Analysis finished: %1 to deliver, %2 excluded, %3 warning(s).</source>
        <translation>분석 완료: 전달 대상 %1, 제외 %2, 경고 %3개.</translation>
    </message>
    <message>
        <source>The sender address &apos;%1&apos; is not valid: %2.</source>
        <translation>보낸 사람 주소 &apos;%1&apos;이(가) 올바르지 않습니다: %2.</translation>
    </message>
    <message>
        <source>The Reply-To address &apos;%1&apos; is not valid: %2.</source>
        <translation>회신 주소(Reply-To) &apos;%1&apos;이(가) 올바르지 않습니다: %2.</translation>
    </message>
    <message>
        <source>The subject is empty.</source>
        <translation>제목이 비어 있습니다.</translation>
    </message>
    <message>
        <source>The subject is %1 characters long; many clients cut it after %2.</source>
        <translation>제목이 %1자입니다. 많은 메일 프로그램이 %2자 이후를 잘라 냅니다.</translation>
    </message>
    <message>
        <source>The subject contains a line break.</source>
        <translation>제목에 줄바꿈이 들어 있습니다.</translation>
    </message>
    <message>
        <source>The message has neither an HTML nor a text part.</source>
        <translation>메시지에 HTML 부분도 텍스트 부분도 없습니다.</translation>
    </message>
    <message>
        <source>The HTML part has no unsubscribe link.</source>
        <translation>HTML 부분에 수신 거부 링크가 없습니다.</translation>
    </message>
    <message>
        <source>The text part has no unsubscribe link.</source>
        <translation>텍스트 부분에 수신 거부 링크가 없습니다.</translation>
    </message>
    <message>
        <source>No List-Unsubscribe header: large mailbox providers expect one for bulk mail.</source>
        <translation>List-Unsubscribe 헤더가 없습니다. 대형 메일 서비스는 대량 메일에 이 헤더를 요구합니다.</translation>
    </message>
    <message>
        <source>List-Unsubscribe is set without &apos;List-Unsubscribe-Post: List-Unsubscribe=One-Click&apos; (RFC 8058 one-click unsubscribe).</source>
        <translation>List-Unsubscribe는 있지만 &apos;List-Unsubscribe-Post: List-Unsubscribe=One-Click&apos;이 없습니다(RFC 8058 원클릭 수신 거부).</translation>
    </message>
    <message>
        <source>No route is set: choose how the messages leave.</source>
        <translation>경로가 설정되지 않았습니다. 메시지를 보낼 방법을 선택하세요.</translation>
    </message>
    <message>
        <source>%1 proof addresses; at most %2 are allowed.</source>
        <translation>시험 발송 주소가 %1개입니다. 최대 %2개까지 허용됩니다.</translation>
    </message>
    <message>
        <source>The proof address &apos;%1&apos; is not valid: %2.</source>
        <translation>시험 발송 주소 &apos;%1&apos;이(가) 올바르지 않습니다: %2.</translation>
    </message>
    <message>
        <source>The validity ends (%1) before the sending starts.</source>
        <translation>유효 기간이 발송 시작 전에 끝납니다(%1).</translation>
    </message>
    <message>
        <source>The contact date %1 is in the past: sending starts as soon as the delivery is confirmed.</source>
        <translation>접촉 일시 %1이(가) 이미 지났습니다. 게재를 확정하는 즉시 발송이 시작됩니다.</translation>
    </message>
    <message>
        <source>No DKIM key: messages from %1 will not be signed, and many providers will filter them.</source>
        <translation>DKIM 키가 없습니다. %1의 메시지는 서명되지 않으며 많은 메일 서비스가 이를 걸러 냅니다.</translation>
    </message>
    <message>
        <source>The DKIM domain %1 does not match the From domain %2 (DMARC alignment fails).</source>
        <translation>DKIM 도메인 %1이(가) 보낸 사람 도메인 %2와(과) 다릅니다(DMARC 정렬 실패).</translation>
    </message>
    <message>
        <source>%1 is readable by other users of this machine; make it private (chmod 600).</source>
        <translation>이 컴퓨터의 다른 사용자가 %1을(를) 읽을 수 있습니다. 비공개로 바꾸세요(chmod 600).</translation>
    </message>
    <message>
        <source>The RSA key has %1 bits; keys under 1024 bits are refused (RFC 8301).</source>
        <translation>RSA 키가 %1비트입니다. 1024비트 미만의 키는 거부됩니다(RFC 8301).</translation>
    </message>
    <message>
        <source>The RSA key has %1 bits; use 2048 bits or more.</source>
        <translation>RSA 키가 %1비트입니다. 2048비트 이상을 사용하세요.</translation>
    </message>
    <message>
        <source>An Ed25519 key alone: many receivers only verify RSA; sign with an RSA key too.</source>
        <translation>Ed25519 키만 있습니다. 많은 수신 서버는 RSA만 검증하므로 RSA 키로도 서명하세요.</translation>
    </message>
    <message>
        <source>DKIM: %1, selector %2, RSA %3 bits.</source>
        <translation>DKIM: %1, 선택자 %2, RSA %3비트.</translation>
    </message>
    <message>
        <source>dkim: %1; no message could be signed.</source>
        <translation>dkim: %1. 어떤 메시지도 서명할 수 없습니다.</translation>
    </message>
    <message>
        <source>%1: %2; every message would be refused at send.</source>
        <translation>%1: %2. 발송 시 모든 메시지가 거부됩니다.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>%1 uses the field &apos;%2&apos;, which the recipient list does not have (its columns: %3).</source>
        <translation>%1에서 필드 &apos;%2&apos;을(를) 사용하지만 수신자 목록에 그 필드가 없습니다(열: %3).</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; is empty for %2 recipient(s) and has no default (lines %3%4). Add a default with {{%1|...}} or fill the column.</source>
        <translation>필드 &apos;%1&apos;이(가) 수신자 %2명에게 비어 있고 기본값이 없습니다(줄 %3%4). {{%1|...}}로 기본값을 넣거나 열을 채우세요.</translation>
    </message>
    <message>
        <source>%1 message(s) exceed 100 KB once personalized (first at line %2, largest %3 KB).</source>
        <translation>개인화 후 100 KB를 넘는 메시지가 %1개입니다(처음은 %2번째 줄, 가장 큰 것은 %3 KB).</translation>
    </message>
    <message>
        <source>The recipient list is empty.</source>
        <translation>수신자 목록이 비어 있습니다.</translation>
    </message>
    <message>
        <source>Every recipient is excluded.</source>
        <translation>모든 수신자가 제외되었습니다.</translation>
    </message>
    <message>
        <source>%1 recipient(s) excluded: %2.</source>
        <translation>수신자 %1명 제외: %2.</translation>
    </message>
    <message>
        <source>%1 of %2 domain(s) had no MX host with an address from the DNS within %3 s: each is planned as its own mail host.</source>
        <translation>도메인 %2개 중 %1개는 %3초 안에 DNS에서 주소가 있는 MX 호스트를 얻지 못했습니다. 각각 자체 메일 호스트로 계획합니다.</translation>
    </message>
    <message>
        <source>At %1 message(s) per hour (MX rule %2), %3 recipient(s) at %4 need about %5, longer than the validity period (%6): the rest will fail as validity expired.</source>
        <translation>시간당 %1개(MX 규칙 %2)로는 %4의 수신자 %3명에게 약 %5이(가) 걸려 유효 기간(%6)보다 깁니다. 나머지는 유효 기간 만료로 실패합니다.</translation>
    </message>
    <message>
        <source>The warm-up of %1 allows %2 message(s) on the first day: the %3 recipient(s) need %4 day(s), until %5, past the validity end; the rest will fail as validity expired.</source>
        <translation>%1의 워밍업은 첫날 %2개를 허용합니다. 수신자 %3명에게 %4일(%5까지)이 필요해 유효 기간을 넘깁니다. 나머지는 유효 기간 만료로 실패합니다.</translation>
    </message>
    <message>
        <source>The warm-up of %1 allows %2 message(s) on the first day: the %3 recipient(s) need %4 day(s), until %5, if no other delivery uses it.</source>
        <translation>%1의 워밍업은 첫날 %2개를 허용합니다. 다른 게재가 사용하지 않으면 수신자 %3명에게 %4일(%5까지)이 필요합니다.</translation>
    </message>
    <message>
        <source>The last of %1 waves starts %2 after the first, at or after the end of the validity period.</source>
        <translation>%1개 웨이브 중 마지막 웨이브가 첫 웨이브보다 %2 뒤, 유효 기간이 끝나는 시점이나 그 이후에 시작합니다.</translation>
    </message>
    <message>
        <source>%1 wave(s); the last starts %2 after the first.</source>
        <translation>웨이브 %1개. 마지막 웨이브는 첫 웨이브보다 %2 뒤에 시작합니다.</translation>
    </message>
    <message>
        <source>The SPF record of %1 could not be checked: %2 did not answer within %3 s.</source>
        <translation>%1의 SPF 레코드를 확인하지 못했습니다. %2이(가) %3초 안에 응답하지 않았습니다.</translation>
    </message>
    <message>
        <source>%1 publishes no SPF record (TXT &quot;v=spf1 ...&quot;): large providers expect SPF for bulk mail, and DMARC needs SPF or DKIM aligned with the From domain.</source>
        <translation>%1은(는) SPF 레코드(TXT &quot;v=spf1 ...&quot;)를 게시하지 않습니다. 대형 메일 서비스는 대량 메일에 SPF를 요구하며, DMARC에는 보낸 사람 도메인과 정렬된 SPF 또는 DKIM이 필요합니다.</translation>
    </message>
    <message>
        <source>%1 publishes %2 SPF records; RFC 7208 makes that a permanent error (permerror) for every receiver: merge them into one.</source>
        <translation>%1은(는) SPF 레코드를 %2개 게시합니다. RFC 7208에 따라 모든 수신 서버에서 영구 오류(permerror)가 됩니다. 하나로 합치세요.</translation>
    </message>
    <message>
        <source>SPF of %1: %2</source>
        <translation>%1의 SPF: %2</translation>
    </message>
    <message>
        <source>The DMARC record of %1 could not be checked: %2 did not answer within %3 s.</source>
        <translation>%1의 DMARC 레코드를 확인하지 못했습니다. %2이(가) %3초 안에 응답하지 않았습니다.</translation>
    </message>
    <message>
        <source>%1 publishes no DMARC record (TXT &quot;v=DMARC1; p=...&quot; at _dmarc.%1): Gmail and Yahoo require one from senders of 5,000 or more messages a day.</source>
        <translation>%1은(는) DMARC 레코드(_dmarc.%1의 TXT &quot;v=DMARC1; p=...&quot;)를 게시하지 않습니다. Gmail과 Yahoo는 하루 5,000개 이상 보내는 발신자에게 이를 요구합니다.</translation>
    </message>
    <message>
        <source>DMARC at %1: policy %2.</source>
        <translation>%1의 DMARC: 정책 %2.</translation>
    </message>
    <message>
        <source>The DKIM key published at %1 could not be checked: %2 did not answer within %3 s.</source>
        <translation>%1에 게시된 DKIM 키를 확인하지 못했습니다. %2이(가) %3초 안에 응답하지 않았습니다.</translation>
    </message>
    <message>
        <source>No DKIM key is published at %1: receivers cannot verify the signature. Publish the record the key&apos;s &quot;DNS record&quot; gives.</source>
        <translation>%1에 게시된 DKIM 키가 없습니다. 수신 서버가 서명을 검증할 수 없습니다. 키의 &quot;DNS 레코드&quot;가 알려 주는 레코드를 게시하세요.</translation>
    </message>
    <message>
        <source>The DKIM key published at %1 matches the signing key.</source>
        <translation>%1에 게시된 DKIM 키가 서명 키와 일치합니다.</translation>
    </message>
    <message>
        <source>The DKIM key published at %1 is not the one the delivery signs with: every signature would fail. Publish the key&apos;s record, or sign with the published key.</source>
        <translation>%1에 게시된 DKIM 키가 이 게재의 서명 키가 아닙니다. 모든 서명이 실패합니다. 키의 레코드를 게시하거나 게시된 키로 서명하세요.</translation>
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
    <message>
        <source>Pre-flight plan by MX provider</source>
        <translation>MX 제공자별 사전 발송 계획</translation>
    </message>
    <message>
        <source>Provider / domain</source>
        <translation>제공자 / 도메인</translation>
    </message>
    <message>
        <source>MX rule</source>
        <translation>MX 규칙</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>소요 시간</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>No MX rule limits the rate: as fast as the servers take the messages.</source>
        <translation>속도를 제한하는 MX 규칙이 없습니다: 서버가 받는 만큼 빠르게 보냅니다.</translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>약 %1</translation>
    </message>
    <message numerus="yes">
        <source>At %Ln message(s) per hour for each destination</source>
        <translation>
            <numerusform>목적지마다 시간당 %Ln통</numerusform>
        </translation>
    </message>
    <message>
        <source>Longer than the validity period: the rest will fail as validity expired.</source>
        <translation>유효 기간보다 깁니다: 나머지는 유효 기간 만료로 실패합니다.</translation>
    </message>
    <message>
        <source>%1 of the recipients to deliver</source>
        <translation>발송 대상 수신자의 %1</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>제한 없음</translation>
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
        <source>The language of the interface: en or ko (default: the one chosen last in the window, else the system&apos;s).</source>
        <translation>인터페이스 언어: en 또는 ko(기본값: 창에서 마지막으로 선택한 언어, 없으면 시스템 언어).</translation>
    </message>
    <message>
        <source>DIALOG</source>
        <translation>대화상자</translation>
    </message>
    <message>
        <source>The tab to show first: analysis, recipients, dashboard or report.</source>
        <translation>처음 표시할 탭: analysis, recipients, dashboard 또는 report.</translation>
    </message>
    <message>
        <source>Unknown tab &apos;%1&apos;: use analysis, recipients, dashboard or report.</source>
        <translation>알 수 없는 탭 &apos;%1&apos;: analysis, recipients, dashboard 또는 report를 사용하십시오.</translation>
    </message>
    <message>
        <source>Open a dialog once the data is shown: editor (the selected delivery), new, settings, sandbox, feedback or proof (the selected delivery&apos;s). The screenshot is then of the dialog.</source>
        <translation>데이터가 표시되면 대화 상자를 엽니다: editor(선택한 게재), new, settings, sandbox, feedback 또는 proof(선택한 게재의 증명). 이때 스크린샷은 대화 상자를 찍습니다.</translation>
    </message>
    <message>
        <source>Unknown dialog &apos;%1&apos;: use editor, new, settings, sandbox, feedback or proof.</source>
        <translation>알 수 없는 대화 상자 &apos;%1&apos;: editor, new, settings, sandbox, feedback 또는 proof를 사용하십시오.</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>찾아보기(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Cancel import</source>
        <translation>가져오기 취소(&amp;C)</translation>
    </message>
    <message>
        <source>Import recipients from a CSV file</source>
        <translation>CSV 파일에서 수신자 가져오기</translation>
    </message>
    <message>
        <source>Path of a CSV file, first line naming the columns</source>
        <translation>첫 행에 열 이름이 있는 CSV 파일의 경로</translation>
    </message>
    <message>
        <source>Choose the email column</source>
        <translation>이메일 열 선택</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>행</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>원인</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>파일(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>구분 기호(&amp;D):</translation>
    </message>
    <message>
        <source>E&amp;ncoding:</source>
        <translation>인코딩(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Email column:</source>
        <translation>이메일 열(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>가져오기(&amp;I)</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>UTF-16 (little-endian)</source>
        <translation>UTF-16(리틀 엔디언)</translation>
    </message>
    <message>
        <source>UTF-16 (big-endian)</source>
        <translation>UTF-16(빅 엔디언)</translation>
    </message>
    <message>
        <source>Korean (CP949 / EUC-KR)</source>
        <translation>한국어(CP949 / EUC-KR)</translation>
    </message>
    <message>
        <source>Western European (Windows-1252)</source>
        <translation>서유럽어(Windows-1252)</translation>
    </message>
    <message>
        <source>Latin-1 (ISO-8859-1)</source>
        <translation>Latin-1(ISO-8859-1)</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>쉼표( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>세미콜론( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>탭</translation>
    </message>
    <message>
        <source>Vertical bar ( | )</source>
        <translation>세로 막대( | )</translation>
    </message>
    <message>
        <source>Choose a recipient list</source>
        <translation>수신자 목록 선택</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>CSV 파일 (*.csv *.txt *.tsv);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 읽는 중…</translation>
    </message>
    <message>
        <source>Detected: %1, %2%3.</source>
        <translation>감지됨: %1, %2%3.</translation>
    </message>
    <message>
        <source> with byte order mark</source>
        <translation>(바이트 순서 표식 포함)</translation>
    </message>
    <message numerus="yes">
        <source>The first %n rows are shown.</source>
        <translation>
            <numerusform>처음 %n개 행이 표시됩니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows in the file.</source>
        <translation>
            <numerusform>파일에 %n개 행이 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: no column looks like email addresses; choose the email column.</source>
        <translation>%1: 이메일 주소로 보이는 열이 없습니다. 이메일 열을 선택하십시오.</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 가져오는 중…</translation>
    </message>
    <message>
        <source>Canceling: the import is rolled back…</source>
        <translation>취소 중: 가져오기를 롤백하는 중…</translation>
    </message>
    <message>
        <source>Import canceled: the previous recipients are unchanged.</source>
        <translation>가져오기 취소됨: 이전 수신자는 변경되지 않았습니다.</translation>
    </message>
    <message>
        <source>The import failed, the previous recipients are unchanged: %1</source>
        <translation>가져오기에 실패했으며 이전 수신자는 변경되지 않았습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n recipient(s) from %1.</source>
        <translation>
            <numerusform>%1에서 수신자 %n명을 가져왔습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>No row was rejected.</source>
        <translation>거부된 행이 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) rejected:</source>
        <translation>
            <numerusform>거부된 행 %n개:</numerusform>
        </translation>
    </message>
    <message>
        <source>the first %1 are listed.</source>
        <translation>처음 %1개가 나열됩니다.</translation>
    </message>
</context>
<context>
    <name>CsvPreviewModel</name>
    <message>
        <source>Line</source>
        <translation>행</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>(column %1)</source>
        <translation>(열 %1)</translation>
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
    <message>
        <source>Held by</source>
        <translation>제한 요인</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln hard bounce(s) out of the processed messages</source>
        <translation>
            <numerusform>처리된 메시지 중 하드 바운스 %Ln건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) with a soft bounce</source>
        <translation>
            <numerusform>소프트 바운스가 있는 수신자 %Ln명</numerusform>
        </translation>
    </message>
    <message>
        <source>Taken into account by the relay, which never sent a delivery report on them</source>
        <translation>릴레이가 받았지만 전달 보고를 보내지 않은 메시지</translation>
    </message>
    <message>
        <source>Hard bounces are at %1, above the %2 that mailbox providers accept: check the list before sending more.</source>
        <translation>하드 바운스가 %1로, 메일 서비스 제공자가 허용하는 %2를 넘었습니다. 더 보내기 전에 목록을 확인하십시오.</translation>
    </message>
    <message>
        <source>Complaints are at %1, above the %2 that mailbox providers accept.</source>
        <translation>수신 거부가 %1로, 메일 서비스 제공자가 허용하는 %2를 넘었습니다.</translation>
    </message>
    <message>
        <source>Hard bounce rate</source>
        <translation>하드 바운스 비율</translation>
    </message>
    <message>
        <source>Soft bounce rate</source>
        <translation>소프트 바운스 비율</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>수신 거부</translation>
    </message>
    <message>
        <source>No report</source>
        <translation>보고 없음</translation>
    </message>
    <message>
        <source>Sending is held: the database refuses writes. Nothing new is sent and nothing recorded is lost; it goes on by itself once the database accepts writes again.
%1</source>
        <translation>발송이 보류되었습니다: 데이터베이스가 쓰기를 거부합니다. 새로 발송되는 메일은 없으며 기록된 내용은 사라지지 않습니다. 데이터베이스가 다시 쓰기를 받아들이면 자동으로 계속됩니다.
%1</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>of %1 targeted, %2 excluded</source>
        <translation>대상 %1명 중 %2명 제외</translation>
    </message>
    <message>
        <source>Targeted: %1</source>
        <translation>대상: %1</translation>
    </message>
    <message>
        <source>Excluded by the analysis: %1</source>
        <translation>분석에서 제외: %1</translation>
    </message>
    <message>
        <source>  %1: %2</source>
        <translation>  %1: %2</translation>
    </message>
    <message>
        <source>%1 hard, %2 expired</source>
        <translation>하드 %1, 만료 %2</translation>
    </message>
    <message>
        <source>%1, %2 other</source>
        <translation>%1, 기타 %2</translation>
    </message>
    <message>
        <source>Hard bounces: %1
Validity expired (soft bounces never delivered in time): %2</source>
        <translation>하드 바운스: %1
유효 기간 만료(기간 안에 전달되지 못한 소프트 바운스): %2</translation>
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
    <message>
        <source>&amp;New delivery…</source>
        <translation>새 게재(&amp;N)…</translation>
    </message>
    <message>
        <source>Create a delivery: sender, subject, content, recipients and sending options</source>
        <translation>게재 만들기: 보낸 사람, 제목, 콘텐츠, 수신자, 전송 옵션</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>편집(&amp;E)…</translation>
    </message>
    <message>
        <source>Open the selected delivery in the editor</source>
        <translation>선택한 게재를 편집기에서 엽니다</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>복제(&amp;U)</translation>
    </message>
    <message>
        <source>Copy the selected delivery with its recipients, ready to edit</source>
        <translation>선택한 게재를 수신자와 함께 복사하여 편집할 수 있게 합니다</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>삭제(&amp;L)…</translation>
    </message>
    <message>
        <source>Delete the selected delivery with its recipients and log</source>
        <translation>선택한 게재를 수신자 및 로그와 함께 삭제합니다</translation>
    </message>
</context>
<context>
    <name>DeliveryEditorContentPage</name>
    <message>
        <source>&amp;Derive from the HTML</source>
        <translation>HTML에서 생성(&amp;D)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Hello {{first_name|there}}&lt;/p&gt;</source>
        <translation>&lt;p&gt;{{first_name|고객}}님, 안녕하세요&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Import from &amp;file…</source>
        <translation>파일에서 가져오기(&amp;F)…</translation>
    </message>
    <message>
        <source>Import from f&amp;ile…</source>
        <translation>파일에서 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>HTML source:</source>
        <translation>HTML 소스:</translation>
    </message>
    <message>
        <source>&amp;Preview as:</source>
        <translation>미리 보기 대상(&amp;P):</translation>
    </message>
    <message>
        <source>Text part</source>
        <translation>텍스트 부분</translation>
    </message>
    <message>
        <source>HTML files (*.html *.htm);;All files (*)</source>
        <translation>HTML 파일 (*.html *.htm);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>텍스트 파일 (*.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Import from file</source>
        <translation>파일에서 가져오기</translation>
    </message>
    <message>
        <source>The template (fields shown as defaults)</source>
        <translation>템플릿(필드는 기본값으로 표시)</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>제목: %1</translation>
    </message>
</context>
<context>
    <name>DeliveryEditorDialog</name>
    <message>
        <source>&amp;General</source>
        <translation>일반(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Content</source>
        <translation>콘텐츠(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Recipients</source>
        <translation>수신자(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;ending</source>
        <translation>전송(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Headers</source>
        <translation>헤더(&amp;H)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>저장되지 않음: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장 중…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>저장되었습니다.</translation>
    </message>
    <message>
        <source>This delivery is %1: it can no longer be edited. Duplicate it to send it again.</source>
        <translation>이 게재는 %1 상태이므로 더 이상 편집할 수 없습니다. 다시 보내려면 복제하십시오.</translation>
    </message>
    <message>
        <source>New delivery</source>
        <translation>새 게재</translation>
    </message>
    <message>
        <source>Edit delivery “%1”</source>
        <translation>게재 “%1” 편집</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 is larger than 5 MB.</source>
        <translation>%1이(가) 5MB보다 큽니다.</translation>
    </message>
    <message>
        <source>%1 is not valid UTF-8.</source>
        <translation>%1은(는) 올바른 UTF-8이 아닙니다.</translation>
    </message>
</context>
<context>
    <name>DeliveryEditorGeneralPage</name>
    <message>
        <source>news@example.com</source>
        <translation>news@example.com</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>선택 사항</translation>
    </message>
    <message>
        <source>Hello {{first_name|there}}</source>
        <translation>{{first_name|고객}}님, 안녕하세요</translation>
    </message>
    <message>
        <source>Insert field</source>
        <translation>필드 삽입</translation>
    </message>
    <message>
        <source>Insert a personalization field from the recipient list at the cursor</source>
        <translation>커서 위치에 수신자 목록의 개인화 필드를 삽입합니다</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>From n&amp;ame:</source>
        <translation>보낸 사람 이름(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;From address:</source>
        <translation>보낸 사람 주소(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Reply-To:</source>
        <translation>회신 주소(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>제목(&amp;S):</translation>
    </message>
</context>
<context>
    <name>DeliveryEditorHeadersPage</name>
    <message>
        <source>&amp;One-click (adds List-Unsubscribe-Post, RFC 8058)</source>
        <translation>원클릭(List-Unsubscribe-Post 추가, RFC 8058)(&amp;O)</translation>
    </message>
    <message>
        <source>https://example.com/unsubscribe/{{id}}</source>
        <translation>https://example.com/unsubscribe/{{id}}</translation>
    </message>
    <message>
        <source>unsubscribe@example.com</source>
        <translation>unsubscribe@example.com</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>List-Unsubscribe</source>
        <translation>List-Unsubscribe</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Mail to:</source>
        <translation>메일 주소(&amp;M):</translation>
    </message>
    <message>
        <source>&amp;Add header</source>
        <translation>헤더 추가(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove header</source>
        <translation>헤더 제거(&amp;R)</translation>
    </message>
    <message>
        <source>Custom headers</source>
        <translation>사용자 지정 헤더</translation>
    </message>
    <message>
        <source>the URL must start with https://</source>
        <translation>URL은 https://로 시작해야 합니다</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an address</source>
        <translation>&apos;%1&apos;은(는) 주소가 아닙니다</translation>
    </message>
    <message>
        <source>one-click unsubscribe needs an https URL</source>
        <translation>원클릭 구독 취소에는 https URL이 필요합니다</translation>
    </message>
    <message>
        <source>a header has a value but no name</source>
        <translation>값은 있지만 이름이 없는 헤더가 있습니다</translation>
    </message>
    <message>
        <source>%1: set it with the List-Unsubscribe fields above</source>
        <translation>%1: 위의 List-Unsubscribe 필드로 설정하십시오</translation>
    </message>
    <message>
        <source>%1: given twice</source>
        <translation>%1: 두 번 지정됨</translation>
    </message>
</context>
<context>
    <name>DeliveryEditorRecipientsPage</name>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>CSV 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>Import the recipient list from a CSV file (a new delivery is saved first)</source>
        <translation>CSV 파일에서 수신자 목록을 가져옵니다(새 게재는 먼저 저장됩니다)</translation>
    </message>
    <message>
        <source>Source file:</source>
        <translation>원본 파일:</translation>
    </message>
    <message>
        <source>Imported rows:</source>
        <translation>가져온 행:</translation>
    </message>
    <message>
        <source>Rejected rows:</source>
        <translation>거부된 행:</translation>
    </message>
    <message>
        <source>Fields:</source>
        <translation>필드:</translation>
    </message>
    <message>
        <source>No recipients imported yet</source>
        <translation>아직 가져온 수신자 없음</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
</context>
<context>
    <name>DeliveryEditorRoutePage</name>
    <message>
        <source>None chosen yet</source>
        <translation>아직 선택되지 않음</translation>
    </message>
    <message>
        <source>Relay (below)</source>
        <translation>릴레이(아래)</translation>
    </message>
    <message>
        <source>Direct (built-in MTA, MX lookup)</source>
        <translation>직접(기본 제공 MTA, MX 조회)</translation>
    </message>
    <message>
        <source>smtp.example.com</source>
        <translation>smtp.example.com</translation>
    </message>
    <message>
        <source>STARTTLS required</source>
        <translation>STARTTLS 필수</translation>
    </message>
    <message>
        <source>STARTTLS when offered</source>
        <translation>제공되는 경우 STARTTLS</translation>
    </message>
    <message>
        <source>Implicit TLS (port 465)</source>
        <translation>암시적 TLS(포트 465)</translation>
    </message>
    <message>
        <source>None (plain text)</source>
        <translation>없음(평문)</translation>
    </message>
    <message>
        <source>example.com</source>
        <translation>example.com</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>선택 사항</translation>
    </message>
    <message>
        <source>Optional: a second, Ed25519 signature</source>
        <translation>선택 사항: 두 번째 Ed25519 서명</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>R&amp;oute:</source>
        <translation>경로(&amp;O):</translation>
    </message>
    <message>
        <source>Relay &amp;host:</source>
        <translation>릴레이 호스트(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>포트(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;TLS:</source>
        <translation>TLS(&amp;T):</translation>
    </message>
    <message>
        <source>DKIM signature</source>
        <translation>DKIM 서명</translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation>도메인(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Selector:</source>
        <translation>선택기(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>키 파일(&amp;K):</translation>
    </message>
    <message>
        <source>Ed25519 s&amp;elector:</source>
        <translation>Ed25519 선택기(&amp;E):</translation>
    </message>
    <message>
        <source>Ed25519 ke&amp;y file:</source>
        <translation>Ed25519 키 파일(&amp;Y):</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>찾아보기(&amp;B)…</translation>
    </message>
    <message>
        <source>DKIM private key</source>
        <translation>DKIM 개인 키</translation>
    </message>
    <message>
        <source>PEM keys (*.pem *.key);;All files (*)</source>
        <translation>PEM 키 (*.pem *.key);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Saved route: %1</source>
        <translation>저장된 경로: %1</translation>
    </message>
    <message numerus="yes">
        <source>Pool of %n relay(s), as written in the definition</source>
        <translation>
            <numerusform>릴레이 %n개의 풀 (정의에 작성된 그대로)</numerusform>
        </translation>
    </message>
    <message>
        <source>Sandbox, as written in the definition</source>
        <translation>샌드박스 (정의에 작성된 그대로)</translation>
    </message>
</context>
<context>
    <name>DeliveryEditorSchedulePage</name>
    <message>
        <source>A number and a unit: s, m, h or d (e.g. 15m, 2h, 5d, 1h30m)</source>
        <translation>숫자와 단위: s, m, h 또는 d(예: 15m, 2h, 5d, 1h30m)</translation>
    </message>
    <message>
        <source>Send &amp;later, at:</source>
        <translation>나중에 보내기, 연락 날짜(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>기간(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>종료 일시(&amp;U):</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>일정</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>시간대(&amp;Z):</translation>
    </message>
    <message>
        <source>Validity:</source>
        <translation>유효 기간:</translation>
    </message>
    <message>
        <source>&amp;Retry soft failures after:</source>
        <translation>소프트 실패 재시도 간격(&amp;R):</translation>
    </message>
    <message>
        <source>Retry at most &amp;every:</source>
        <translation>최대 재시도 간격(&amp;E):</translation>
    </message>
    <message>
        <source>Waves</source>
        <translation>웨이브</translation>
    </message>
    <message>
        <source>None: everyone at once</source>
        <translation>없음: 모두 한 번에</translation>
    </message>
    <message>
        <source>Same size</source>
        <translation>같은 크기</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>캘린더</translation>
    </message>
    <message>
        <source>25% or a count</source>
        <translation>25% 또는 개수</translation>
    </message>
    <message>
        <source>Wave si&amp;ze:</source>
        <translation>웨이브 크기(&amp;Z):</translation>
    </message>
    <message>
        <source>&amp;Interval:</source>
        <translation>간격(&amp;I):</translation>
    </message>
    <message>
        <source>Start after</source>
        <translation>시작 지연</translation>
    </message>
    <message>
        <source>Size (count or %)</source>
        <translation>크기(개수 또는 %)</translation>
    </message>
    <message>
        <source>Add &amp;wave</source>
        <translation>웨이브 추가(&amp;W)</translation>
    </message>
    <message>
        <source>Remove wa&amp;ve</source>
        <translation>웨이브 제거(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>모드(&amp;M):</translation>
    </message>
    <message>
        <source>UTC%1%2:%3</source>
        <translation>UTC%1%2:%3</translation>
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
    <message>
        <source>Delivery #%1: %2. It goes through the sandbox route: nothing leaves this computer.</source>
        <translation>게재 #%1: %2. 샌드박스 경로를 사용하므로 이 컴퓨터 밖으로 아무것도 나가지 않습니다.</translation>
    </message>
    <message>
        <source>On confirmation</source>
        <translation>확인 시</translation>
    </message>
    <message>
        <source>Contact date: %1 (%2)</source>
        <translation>연락 날짜: %1 (%2)</translation>
    </message>
    <message>
        <source>Contact date</source>
        <translation>연락 날짜</translation>
    </message>
    <message>
        <source>Processed</source>
        <translation>처리됨</translation>
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
    <message>
        <source>Delete the delivery</source>
        <translation>게재 삭제</translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation>“%1”을(를) 삭제하시겠습니까?</translation>
    </message>
    <message numerus="yes">
        <source>Its %Ln recipient(s), their log and the attempts&apos; transcripts are deleted too. This cannot be undone.</source>
        <translation>
            <numerusform>수신자 %Ln명과 그 로그, 시도의 대화 기록도 함께 삭제됩니다. 이 작업은 되돌릴 수 없습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Quit Sendscope</source>
        <translation>Sendscope 종료</translation>
    </message>
    <message numerus="yes">
        <source>%Ln delivery(s) are sending. Pause them and quit?</source>
        <translation>
            <numerusform>게재 %Ln건이 전송 중입니다. 일시 중지하고 종료하시겠습니까?</numerusform>
        </translation>
    </message>
    <message>
        <source>The messages in flight complete first and every state is saved. Resume the deliveries when you come back; nobody already handed over is sent again.</source>
        <translation>전송 중인 메시지가 먼저 완료되고 모든 상태가 저장됩니다. 돌아오면 게재를 다시 시작하십시오. 이미 넘긴 수신자에게는 다시 보내지 않습니다.</translation>
    </message>
    <message>
        <source>Pause and &amp;quit</source>
        <translation>일시 중지 후 종료(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>DestinationHoldText</name>
    <message>
        <source>throttled (%1) until %2, at %3%</source>
        <translation>%2까지 속도 제한됨(%1), %3%</translation>
    </message>
    <message>
        <source>restoring after throttling (%1), at %2%</source>
        <translation>속도 제한(%1) 후 복구 중, %2%</translation>
    </message>
    <message>
        <source>rate %1/h: next slice at %2</source>
        <translation>시간당 %1건: 다음 구간 %2</translation>
    </message>
    <message>
        <source>connections %1/%2</source>
        <translation>연결 %1/%2</translation>
    </message>
    <message>
        <source>route limits</source>
        <translation>경로 제한</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>MX rule: %1</source>
        <translation>MX 규칙: %1</translation>
    </message>
    <message>
        <source>none (the route&apos;s limits)</source>
        <translation>없음(경로의 제한)</translation>
    </message>
    <message>
        <source>Waiting for a connection: %1</source>
        <translation>연결 대기 중: %1</translation>
    </message>
    <message>
        <source>Connections: %1 of %2</source>
        <translation>연결: %2개 중 %1개</translation>
    </message>
    <message>
        <source>Rate: %1 per hour; this 5-minute slice: %2 of %3</source>
        <translation>속도: 시간당 %1건, 이번 5분 구간: %3건 중 %2건</translation>
    </message>
    <message>
        <source>Rate: unlimited</source>
        <translation>속도: 무제한</translation>
    </message>
    <message>
        <source>Throttled by a %1 reply: at %2% of the rule until %3, then +25% per 5 minutes</source>
        <translation>%1 응답으로 속도 제한됨: %3까지 규칙의 %2%, 이후 5분마다 +25%</translation>
    </message>
    <message>
        <source>next retry at %1</source>
        <translation>%1에 다시 시도</translation>
    </message>
    <message>
        <source>warm-up %1: %2 of %3 today; more from %4</source>
        <translation>워밍업 %1: 오늘 %3건 중 %2건; %4부터 추가 발송</translation>
    </message>
    <message>
        <source>Warm-up of %1: %2 messages allowed today, %3 taken by every delivery; the next day starts at %4</source>
        <translation>%1 워밍업: 오늘 허용 %2건, 모든 게재가 사용한 수 %3건; 다음 날은 %4에 시작</translation>
    </message>
</context>
<context>
    <name>DkimKeyDialog</name>
    <message>
        <source>Generate a DKIM key</source>
        <translation>DKIM 키 생성</translation>
    </message>
    <message>
        <source>Import a DKIM key</source>
        <translation>DKIM 키 가져오기</translation>
    </message>
    <message>
        <source>PEM private key file</source>
        <translation>PEM 개인 키 파일</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>파일(&amp;F):</translation>
    </message>
    <message>
        <source>example.com</source>
        <translation>example.com</translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation>도메인(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Selector:</source>
        <translation>선택기(&amp;S):</translation>
    </message>
    <message>
        <source>RSA 2048 bits (recommended)</source>
        <translation>RSA 2048비트(권장)</translation>
    </message>
    <message>
        <source>RSA 4096 bits (slow to generate; long DNS record)</source>
        <translation>RSA 4096비트(생성 느림, 긴 DNS 레코드)</translation>
    </message>
    <message>
        <source>Ed25519 (a second signature beside RSA)</source>
        <translation>Ed25519(RSA와 함께 쓰는 두 번째 서명)</translation>
    </message>
    <message>
        <source>&amp;Algorithm:</source>
        <translation>알고리즘(&amp;A):</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>생성</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>File: choose the PEM file of the private key.</source>
        <translation>파일: 개인 키의 PEM 파일을 선택하십시오.</translation>
    </message>
    <message>
        <source>File: %1 does not exist.</source>
        <translation>파일: %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Import a DKIM private key</source>
        <translation>DKIM 개인 키 가져오기</translation>
    </message>
    <message>
        <source>PEM keys (*.pem *.key);;All files (*)</source>
        <translation>PEM 키 (*.pem *.key);;모든 파일 (*)</translation>
    </message>
</context>
<context>
    <name>DkimKeysPage</name>
    <message>
        <source>Domain</source>
        <translation>도메인</translation>
    </message>
    <message>
        <source>Selector</source>
        <translation>선택기</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>알고리즘</translation>
    </message>
    <message>
        <source>Bits</source>
        <translation>비트</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>&amp;Generate…</source>
        <translation>생성(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Import PEM…</source>
        <translation>PEM 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>DNS TXT record to publish</source>
        <translation>게시할 DNS TXT 레코드</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the record as a zone file line</source>
        <translation>레코드를 영역 파일 행으로 복사합니다</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <source>Value (each quoted string at most 255 characters):</source>
        <translation>값(따옴표로 묶은 각 문자열은 최대 255자):</translation>
    </message>
    <message>
        <source>The record is on the clipboard.</source>
        <translation>레코드를 클립보드에 복사했습니다.</translation>
    </message>
    <message>
        <source>The key %1 is deleted. Remove its TXT record from DNS once no message signed with it is still being delivered.</source>
        <translation>키 %1을(를) 삭제했습니다. 이 키로 서명된 메시지가 더 이상 전달 중이지 않으면 DNS에서 해당 TXT 레코드를 제거하십시오.</translation>
    </message>
    <message>
        <source>Reading the keys…</source>
        <translation>키를 읽는 중…</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>읽을 수 없음</translation>
    </message>
    <message>
        <source>Ed25519</source>
        <translation>Ed25519</translation>
    </message>
    <message>
        <source>RSA</source>
        <translation>RSA</translation>
    </message>
    <message>
        <source>Under 2048 bits: accepted, but weak (RFC 8301). Replace it.</source>
        <translation>2048비트 미만: 허용되지만 약합니다(RFC 8301). 교체하십시오.</translation>
    </message>
    <message>
        <source>No DKIM key yet. Generate one, or import an existing PEM file.</source>
        <translation>아직 DKIM 키가 없습니다. 키를 생성하거나 기존 PEM 파일을 가져오십시오.</translation>
    </message>
    <message>
        <source>Keys folder: %1</source>
        <translation>키 폴더: %1</translation>
    </message>
    <message>
        <source>Generating an RSA %1-bit key…</source>
        <translation>RSA %1비트 키 생성 중…</translation>
    </message>
    <message>
        <source>Generating an Ed25519 key…</source>
        <translation>Ed25519 키 생성 중…</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 가져오는 중…</translation>
    </message>
    <message>
        <source>Imported %1 with a warning: %2</source>
        <translation>%1을(를) 가져왔지만 경고가 있습니다: %2</translation>
    </message>
    <message>
        <source>The key is stored in %1 (readable by you only). Publish the TXT record below in the DNS zone of %2 before sending signed mail.</source>
        <translation>키는 %1에 저장되었습니다(본인만 읽을 수 있음). 서명된 메일을 보내기 전에 아래 TXT 레코드를 %2의 DNS 영역에 게시하십시오.</translation>
    </message>
    <message>
        <source>Delete DKIM key</source>
        <translation>DKIM 키 삭제</translation>
    </message>
    <message>
        <source>Delete the private key %1? Mail can no longer be signed with it, and it cannot be recovered.</source>
        <translation>개인 키 %1을(를) 삭제하시겠습니까? 더 이상 이 키로 메일에 서명할 수 없으며 복구할 수도 없습니다.</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>삭제 중…</translation>
    </message>
</context>
<context>
    <name>FeedbackPage</name>
    <message>
        <source>The Unmatched list could not be read: %1</source>
        <translation>일치하지 않음 목록을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>%1
(from %2)</source>
        <translation>%1
(%2에서)</translation>
    </message>
    <message>
        <source>Looking for the bounce mailboxes…</source>
        <translation>바운스 메일함을 찾는 중…</translation>
    </message>
    <message>
        <source>No route has a bounce mailbox.</source>
        <translation>바운스 메일함이 있는 경로가 없습니다.</translation>
    </message>
    <message>
        <source>Getting the bounce mailbox password of %1…</source>
        <translation>%1의 바운스 메일함 비밀번호를 가져오는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Reading %Ln bounce mailbox(es)…</source>
        <translation>
            <numerusform>바운스 메일함 %Ln개를 읽는 중…</numerusform>
        </translation>
    </message>
    <message>
        <source>Report message %1</source>
        <translation>보고 메시지 %1</translation>
    </message>
    <message>
        <source>The message could not be read: %1</source>
        <translation>메시지를 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Only the first %1 of %2 bytes were stored (the store keeps 256 KB of a report).</source>
        <translation>%2바이트 중 처음 %1바이트만 저장되었습니다(보고는 256 KB까지 저장됩니다).</translation>
    </message>
    <message>
        <source>%1 bytes, as received.</source>
        <translation>받은 그대로 %1바이트.</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>받은 시각</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>From</source>
        <translation>보낸 사람</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Address named</source>
        <translation>보고에 적힌 주소</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Diagnostic</source>
        <translation>진단</translation>
    </message>
    <message>
        <source>Load more</source>
        <translation>더 불러오기</translation>
    </message>
    <message>
        <source>Show message</source>
        <translation>메시지 보기</translation>
    </message>
    <message>
        <source>Fetch reports now</source>
        <translation>지금 보고 가져오기</translation>
    </message>
    <message>
        <source>No unmatched report: every report read so far named a recipient.</source>
        <translation>일치하지 않는 보고가 없습니다. 지금까지 읽은 모든 보고가 수신자와 연결되었습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln unmatched report(s): they named nobody this database knows, and changed nothing.</source>
        <translation>
            <numerusform>일치하지 않는 보고 %Ln건: 이 데이터베이스가 아는 수신자를 가리키지 않아 아무것도 바꾸지 않았습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> %Ln shown.</source>
        <translation>
            <numerusform> %Ln건 표시.</numerusform>
        </translation>
    </message>
    <message>
        <source>the message is no longer stored</source>
        <translation>메시지가 더 이상 저장되어 있지 않습니다</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln new report(s)</source>
        <translation>
            <numerusform>%1: 새 보고 %Ln건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln unmatched</source>
        <translation>
            <numerusform>, 일치하지 않음 %Ln건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln delivery(ies) finished</source>
        <translation>
            <numerusform>, 완료된 게재 %Ln건</numerusform>
        </translation>
    </message>
    <message>
        <source>; the rest waits until a send in progress is recorded</source>
        <translation>; 나머지는 진행 중인 발송이 기록될 때까지 기다립니다</translation>
    </message>
</context>
<context>
    <name>InboundRulesPage</name>
    <message>
        <source>Messages in the bounce mailbox that are no standard delivery report or complaint are matched against these rules in order: text bounces of mail servers, vacation replies, unsubscribe requests. The first enabled rule whose filled patterns all match (regular expressions, case-insensitive, over the sender, the subject and the text of the message) says what it is. For a bounce, a remote reply quoted in it is qualified by the bounce rules; the failure type and reason here apply when it quotes none.</source>
        <translation>바운스 메일함의 메시지 가운데 표준 배달 보고서나 불만 신고가 아닌 것은 이 규칙과 차례대로 대조합니다. 메일 서버의 텍스트 바운스, 부재중 자동 응답, 수신 거부 요청 등이 그 대상입니다. 입력된 패턴(대소문자를 구분하지 않는 정규식으로 발신자, 제목, 메시지 본문에 적용)이 모두 일치하는 첫 번째 사용 중인 규칙이 메시지의 종류를 정합니다. 바운스 안에 인용된 원격 서버의 응답은 바운스 규칙으로 판정하며, 인용된 응답이 없을 때 여기의 오류 유형과 원인이 적용됩니다.</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Sender pattern</source>
        <translation>발신자 패턴</translation>
    </message>
    <message>
        <source>Subject pattern</source>
        <translation>제목 패턴</translation>
    </message>
    <message>
        <source>Body pattern</source>
        <translation>본문 패턴</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Failure type</source>
        <translation>오류 유형</translation>
    </message>
    <message>
        <source>Failure reason</source>
        <translation>오류 원인</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>사용</translation>
    </message>
    <message>
        <source>Paste a whole message, headers and body, as it came back</source>
        <translation>돌아온 메시지 전체(헤더와 본문)를 붙여 넣으십시오</translation>
    </message>
    <message>
        <source>&amp;Test a message:</source>
        <translation>메시지 테스트(&amp;T):</translation>
    </message>
    <message>
        <source>Saved. Reports read from now on are classified with these rules.</source>
        <translation>저장했습니다. 지금부터 읽는 보고서는 이 규칙으로 분류합니다.</translation>
    </message>
    <message>
        <source>Loading the rules…</source>
        <translation>규칙을 불러오는 중…</translation>
    </message>
    <message>
        <source>(from the quoted reply)</source>
        <translation>(인용된 응답에 따름)</translation>
    </message>
    <message>
        <source>Not saved. %1</source>
        <translation>저장되지 않음. %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장 중…</translation>
    </message>
    <message>
        <source>Restore the default inbound-mail rules</source>
        <translation>기본 수신 메일 규칙 복원</translation>
    </message>
    <message>
        <source>Replace every inbound-mail rule with the built-in defaults? Your own rules are lost.</source>
        <translation>모든 수신 메일 규칙을 기본 제공 규칙으로 바꾸시겠습니까? 직접 만든 규칙은 사라집니다.</translation>
    </message>
    <message>
        <source>Restoring the defaults…</source>
        <translation>기본값을 복원하는 중…</translation>
    </message>
    <message>
        <source>Fix the table first: %1</source>
        <translation>먼저 표를 수정하십시오: %1</translation>
    </message>
    <message>
        <source>Rule %1 matches: %2</source>
        <translation>규칙 %1 일치: %2</translation>
    </message>
    <message>
        <source>No rule matches; read as: %1</source>
        <translation>일치하는 규칙 없음. 판정: %1</translation>
    </message>
    <message>
        <source>Only the first %1 KiB were tested.</source>
        <translation>처음 %1 KiB만 테스트했습니다.</translation>
    </message>
</context>
<context>
    <name>LogDetailPane</name>
    <message>
        <source>Accepted</source>
        <translation>수락됨</translation>
    </message>
    <message>
        <source>Permanent failure</source>
        <translation>영구 실패</translation>
    </message>
    <message>
        <source>Temporary failure</source>
        <translation>일시적 실패</translation>
    </message>
    <message>
        <source>Possibly delivered twice</source>
        <translation>두 번 전달되었을 수 있음</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>시작 시각</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>응답</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>오류 원인</translation>
    </message>
    <message>
        <source>Remote host</source>
        <translation>원격 호스트</translation>
    </message>
    <message>
        <source>The SMTP transcript of the selected attempt</source>
        <translation>선택한 시도의 SMTP 대화 기록</translation>
    </message>
    <message>
        <source>Select a recipient to see its attempts.</source>
        <translation>시도 내역을 보려면 수신자를 선택하십시오.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source> · %1</source>
        <translation> · %1</translation>
    </message>
    <message>
        <source>Loading the attempts…</source>
        <translation>시도 내역을 불러오는 중…</translation>
    </message>
    <message>
        <source>No attempt yet.</source>
        <translation>아직 시도가 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln attempt(s)</source>
        <translation>
            <numerusform>시도 %Ln회</numerusform>
        </translation>
    </message>
    <message>
        <source>Delivery report</source>
        <translation>전달 보고</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>수신 거부</translation>
    </message>
    <message>
        <source>Auto-reply</source>
        <translation>자동 응답</translation>
    </message>
    <message>
        <source>Bounce</source>
        <translation>바운스</translation>
    </message>
    <message>
        <source>Unsubscribe request</source>
        <translation>구독 해지 요청</translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation>분류되지 않음</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>보고</translation>
    </message>
    <message>
        <source>[%1] %2</source>
        <translation>[%1] %2</translation>
    </message>
    <message>
        <source>%1
(from %2)</source>
        <translation>%1
(%2에서)</translation>
    </message>
    <message>
        <source>No reply and no report yet.</source>
        <translation>아직 응답도 보고도 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln report(s) read from the bounce mailbox</source>
        <translation>
            <numerusform>바운스 메일함에서 읽은 보고 %Ln건</numerusform>
        </translation>
    </message>
    <message>
        <source>Report message %1</source>
        <translation>보고 메시지 %1</translation>
    </message>
    <message>
        <source>The message could not be read: %1</source>
        <translation>메시지를 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Only the first %1 of %2 bytes were stored (the store keeps 256 KB of a report).</source>
        <translation>%2바이트 중 처음 %1바이트만 저장되었습니다(보고는 256 KB까지 저장됩니다).</translation>
    </message>
    <message>
        <source>%1 bytes, as received.</source>
        <translation>받은 그대로 %1바이트.</translation>
    </message>
    <message>
        <source>Loading the feedback timeline…</source>
        <translation>피드백 타임라인을 불러오는 중…</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>시도</translation>
    </message>
    <message>
        <source>Feedback timeline</source>
        <translation>피드백 타임라인</translation>
    </message>
    <message>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <source>Kind / action</source>
        <translation>종류 / 동작</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>규칙</translation>
    </message>
    <message>
        <source>Effect</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Matched by</source>
        <translation>연결 방법</translation>
    </message>
    <message>
        <source>Show message</source>
        <translation>메시지 보기</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <source>Database error: %1</source>
        <translation>데이터베이스 오류: %1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>개수를 세는 중…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) match</source>
        <translation>
            <numerusform>일치하는 수신자 %Ln명</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) in the log</source>
        <translation>
            <numerusform>로그의 수신자 %Ln명</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the log as CSV</source>
        <translation>로그를 CSV로 내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>이미 내보내기가 실행 중입니다.</translation>
    </message>
    <message>
        <source>No delivery is selected.</source>
        <translation>선택된 게재가 없습니다.</translation>
    </message>
    <message>
        <source>exporting: %1 rows</source>
        <translation>내보내는 중: %1행</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) exported</source>
        <translation>
            <numerusform>%Ln행 내보냄</numerusform>
        </translation>
    </message>
    <message>
        <source>export failed: %1</source>
        <translation>내보내기 실패: %1</translation>
    </message>
    <message>
        <source>exporting…</source>
        <translation>내보내는 중…</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>상태(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>오류 원인(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation>도메인(&amp;D):</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation>모든 원인</translation>
    </message>
    <message>
        <source>All domains</source>
        <translation>모든 도메인</translation>
    </message>
    <message>
        <source>Search addresses…</source>
        <translation>주소 검색…</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>내보내기 취소</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <source>Stop writing the CSV file</source>
        <translation>CSV 파일 쓰기를 중지합니다</translation>
    </message>
    <message>
        <source>Write the recipients the filter matches, in this order, as CSV</source>
        <translation>필터와 일치하는 수신자를 현재 순서대로 CSV로 씁니다</translation>
    </message>
    <message>
        <source>the message is no longer stored</source>
        <translation>메시지가 더 이상 저장되어 있지 않습니다</translation>
    </message>
    <message>
        <source>The export was canceled.</source>
        <translation>내보내기가 취소되었습니다.</translation>
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
    <message>
        <source>Cannot duplicate the delivery</source>
        <translation>게재를 복제할 수 없음</translation>
    </message>
    <message>
        <source>Cannot delete the delivery</source>
        <translation>게재를 삭제할 수 없음</translation>
    </message>
    <message>
        <source>Delivery #%1 deleted.</source>
        <translation>게재 #%1 삭제됨.</translation>
    </message>
    <message>
        <source>This database holds no delivery yet.
Create one with File &gt; New delivery (%1), or with:
sendscope-cli --db %2 delivery import DEFINITION.json</source>
        <translation>이 데이터베이스에는 아직 게재가 없습니다.
파일 &gt; 새 게재(%1)로 만들거나 다음 명령을 사용하십시오:
sendscope-cli --db %2 delivery import DEFINITION.json</translation>
    </message>
    <message>
        <source>Pausing the deliveries before quitting…</source>
        <translation>종료하기 전에 게재를 일시 중지하는 중…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>보고서</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>내보내기(&amp;E)</translation>
    </message>
    <message>
        <source>Report as &amp;CSV…</source>
        <translation>보고서를 CSV로(&amp;C)…</translation>
    </message>
    <message>
        <source>Charts as &amp;PNG…</source>
        <translation>차트를 PNG로(&amp;P)…</translation>
    </message>
    <message>
        <source>Report as P&amp;DF…</source>
        <translation>보고서를 PDF로(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <source>Sand&amp;box outcomes…</source>
        <translation>샌드박스 결과(&amp;B)…</translation>
    </message>
    <message>
        <source>%1 recipient(s) imported, %2 rejected.</source>
        <translation>수신자 %1명 가져옴, %2명 거부됨.</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>DKIM keys</source>
        <translation>DKIM 키</translation>
    </message>
    <message>
        <source>Bounce rules</source>
        <translation>바운스 규칙</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>격리</translation>
    </message>
    <message>
        <source>No password</source>
        <translation>암호 없음</translation>
    </message>
    <message>
        <source>The route “%1” needs a password; nothing was sent.</source>
        <translation>경로 “%1”에는 암호가 필요합니다. 아무것도 보내지 않았습니다.</translation>
    </message>
    <message>
        <source>Resuming delivery #%1, interrupted when Sendscope last quit…</source>
        <translation>Sendscope가 마지막으로 종료될 때 중단된 게재 #%1을(를) 재개하는 중…</translation>
    </message>
    <message>
        <source>Delivery #%1 was not resumed here: %2</source>
        <translation>게재 #%1은(는) 여기서 재개되지 않았습니다: %2</translation>
    </message>
    <message>
        <source>MX rules</source>
        <translation>MX 규칙</translation>
    </message>
    <message>
        <source>Delivery reports read.</source>
        <translation>전달 보고를 읽었습니다.</translation>
    </message>
    <message>
        <source>Some bounce mailboxes could not be read.</source>
        <translation>일부 바운스 메일함을 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>Feedback: unmatched reports</source>
        <translation>피드백: 일치하지 않는 보고</translation>
    </message>
    <message>
        <source>&amp;Fetch delivery reports now</source>
        <translation>지금 전달 보고 가져오기(&amp;F)</translation>
    </message>
    <message>
        <source>Unmatched &amp;reports…</source>
        <translation>일치하지 않는 보고(&amp;R)…</translation>
    </message>
    <message>
        <source>Inbound-mail rules</source>
        <translation>수신 메일 규칙</translation>
    </message>
    <message>
        <source>Delivery #%1 goes on: the database accepts writes again</source>
        <translation>게재 #%1 계속: 데이터베이스가 다시 쓰기를 받아들입니다</translation>
    </message>
    <message>
        <source>Delivery #%1 is held: the database refuses writes</source>
        <translation>게재 #%1 보류: 데이터베이스가 쓰기를 거부합니다</translation>
    </message>
    <message>
        <source>Delivery #%1 finished</source>
        <translation>게재 #%1 완료</translation>
    </message>
    <message>
        <source>Every recipient is final; the dashboard and the report show how it went.</source>
        <translation>모든 수신자가 최종 상태입니다. 대시보드와 보고서에서 결과를 확인하세요.</translation>
    </message>
    <message>
        <source>Delivery #%1 paused</source>
        <translation>게재 #%1 일시 중지</translation>
    </message>
    <message>
        <source>Nothing is in flight; resume it when you are ready.</source>
        <translation>전송 중인 메일이 없습니다. 준비되면 재개하세요.</translation>
    </message>
    <message>
        <source>Delivery #%1 stopped</source>
        <translation>게재 #%1 중지</translation>
    </message>
    <message>
        <source>What was not handed over is canceled.</source>
        <translation>아직 넘겨지지 않은 메일은 취소되었습니다.</translation>
    </message>
    <message>
        <source>Delivery #%1 is waiting for delivery reports</source>
        <translation>게재 #%1 배달 보고 대기 중</translation>
    </message>
    <message>
        <source>Delivery #%1 failed</source>
        <translation>게재 #%1 실패</translation>
    </message>
    <message>
        <source>Delivery #%1 is held</source>
        <translation>게재 #%1 보류</translation>
    </message>
    <message>
        <source>Pausing the deliveries before quitting… The database refuses writes: close the window again to quit anyway.</source>
        <translation>종료하기 전에 게재를 일시 중지하는 중… 데이터베이스가 쓰기를 거부합니다: 그래도 종료하려면 창을 다시 닫으세요.</translation>
    </message>
</context>
<context>
    <name>MxRulesPage</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Host pattern</source>
        <translation>호스트 패턴</translation>
    </message>
    <message>
        <source>Max connections</source>
        <translation>최대 연결 수</translation>
    </message>
    <message>
        <source>Messages per connection</source>
        <translation>연결당 메시지 수</translation>
    </message>
    <message>
        <source>Messages per hour</source>
        <translation>시간당 메시지 수</translation>
    </message>
    <message>
        <source>Connect timeout (s)</source>
        <translation>연결 시간 초과(초)</translation>
    </message>
    <message>
        <source>Command timeout (s)</source>
        <translation>명령 시간 초과(초)</translation>
    </message>
    <message>
        <source>Data timeout (s)</source>
        <translation>데이터 시간 초과(초)</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Saved. Deliveries started from now on use these rules.</source>
        <translation>저장되었습니다. 지금부터 시작하는 게재에 이 규칙이 적용됩니다.</translation>
    </message>
    <message>
        <source>Loading the rules…</source>
        <translation>규칙을 불러오는 중…</translation>
    </message>
    <message>
        <source>The route&apos;s</source>
        <translation>경로의 설정</translation>
    </message>
    <message>
        <source>STARTTLS when offered</source>
        <translation>제공될 때 STARTTLS</translation>
    </message>
    <message>
        <source>STARTTLS required</source>
        <translation>STARTTLS 필수</translation>
    </message>
    <message>
        <source>a host pattern is required (&quot;*&quot; matches every host)</source>
        <translation>호스트 패턴이 필요합니다(&quot;*&quot;는 모든 호스트와 일치)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host name pattern (letters, digits, &apos;.&apos;, &apos;-&apos;, &apos;*&apos; and &apos;?&apos;)</source>
        <translation>&apos;%1&apos;은(는) 호스트 이름 패턴이 아닙니다(문자, 숫자, &apos;.&apos;, &apos;-&apos;, &apos;*&apos;, &apos;?&apos;)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a whole number</source>
        <translation>&apos;%1&apos;은(는) 정수가 아닙니다</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not from %2 to %3</source>
        <translation>&apos;%1&apos;은(는) %2에서 %3 사이가 아닙니다</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a TLS choice</source>
        <translation>&apos;%1&apos;은(는) TLS 선택 항목이 아닙니다</translation>
    </message>
    <message>
        <source>Rule %1, %2: %3</source>
        <translation>규칙 %1, %2: %3</translation>
    </message>
    <message>
        <source>Not saved. %1</source>
        <translation>저장되지 않았습니다. %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장하는 중…</translation>
    </message>
    <message>
        <source>Restore the default MX rules</source>
        <translation>기본 MX 규칙 복원</translation>
    </message>
    <message>
        <source>Replace every MX rule with the built-in defaults? Your own rules are lost.</source>
        <translation>모든 MX 규칙을 기본 제공 값으로 바꾸시겠습니까? 직접 만든 규칙은 사라집니다.</translation>
    </message>
    <message>
        <source>Restoring the defaults…</source>
        <translation>기본값을 복원하는 중…</translation>
    </message>
    <message>
        <source>The first rule whose pattern matches the host a message goes to (the MX host, or the relay&apos;s) limits that destination, on top of the route&apos;s own limits: the stricter wins, and 0 means the route&apos;s. Messages per hour are spread over 5-minute slices. A reply that signals throttling (421, 4.7.x, &quot;try again later&quot;) cuts a destination&apos;s rate and connections (to 50 %) for a cool-down (300 s), then they come back by a step (25 points) every cool-down; a rule can set its own, 0 meaning these. The cut is kept, so the next send starts there.</source>
        <translation>메시지가 가는 호스트(MX 호스트 또는 릴레이)와 패턴이 처음 일치하는 규칙이 그 목적지를 경로 자체의 제한 위에 추가로 제한합니다. 더 엄격한 쪽이 적용되며 0은 경로의 값을 뜻합니다. 시간당 메시지 수는 5분 단위로 나뉩니다. 스로틀링을 알리는 응답(421, 4.7.x, &quot;try again later&quot;)은 목적지의 속도와 연결 수를 냉각 시간(300초) 동안 줄이고(50%로), 이후 냉각 시간마다 한 단계(25포인트)씩 회복합니다. 규칙마다 따로 정할 수 있으며 0은 이 기본값을 뜻합니다. 줄어든 수준은 저장되므로 다음 발송도 그 수준에서 시작합니다.</translation>
    </message>
    <message>
        <source>Throttled: cut to (%)</source>
        <translation>스로틀 시 감소 (%)</translation>
    </message>
    <message>
        <source>Cool-down (s)</source>
        <translation>냉각 시간 (초)</translation>
    </message>
    <message>
        <source>Restore step (%)</source>
        <translation>회복 단계 (%)</translation>
    </message>
</context>
<context>
    <name>PasswordVault</name>
    <message>
        <source>Password for route %1</source>
        <translation>경로 %1의 암호</translation>
    </message>
    <message>
        <source>Password of %1 on route %2.
No keychain is available: it is kept for this run only.</source>
        <translation>경로 %2에서 사용하는 %1의 암호.
사용할 수 있는 키체인이 없으므로 이번 실행에서만 보관됩니다.</translation>
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
    <message>
        <source>Proofs sent</source>
        <translation>보낸 증명</translation>
    </message>
    <message>
        <source>Proof</source>
        <translation>증명</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>보낸 시각</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>No answer recorded</source>
        <translation>응답 기록 없음</translation>
    </message>
    <message>
        <source>Proofs sent: none yet</source>
        <translation>보낸 증명: 아직 없음</translation>
    </message>
</context>
<context>
    <name>QualificationRulesPage</name>
    <message>
        <source>Every SMTP failure reply is matched against these rules in order; the first enabled rule that matches gives the failure type and reason. A rule matches when all its filled fields match: the enhanced code (5.1.1, or 5.7.* for a group), a regular expression over the reply text (case-insensitive), and the reply class (4, 5 or a full code such as 421).</source>
        <translation>모든 SMTP 실패 응답은 이 규칙들과 순서대로 대조되며, 일치하는 첫 번째 사용 규칙이 오류 유형과 원인을 정합니다. 규칙은 채워진 필드가 모두 일치할 때 일치합니다: 확장 코드(5.1.1, 또는 그룹은 5.7.*), 응답 텍스트에 대한 정규식(대소문자 구분 안 함), 응답 클래스(4, 5 또는 421 같은 전체 코드).</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Enhanced code</source>
        <translation>확장 코드</translation>
    </message>
    <message>
        <source>Text pattern</source>
        <translation>텍스트 패턴</translation>
    </message>
    <message>
        <source>Reply class</source>
        <translation>응답 클래스</translation>
    </message>
    <message>
        <source>Failure type</source>
        <translation>오류 유형</translation>
    </message>
    <message>
        <source>Failure reason</source>
        <translation>오류 원인</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>사용</translation>
    </message>
    <message>
        <source>Paste a reply, e.g. 550 5.1.1 &lt;x@example.com&gt;: Recipient address rejected</source>
        <translation>응답을 붙여 넣으십시오. 예: 550 5.1.1 &lt;x@example.com&gt;: Recipient address rejected</translation>
    </message>
    <message>
        <source>&amp;Test a reply:</source>
        <translation>응답 테스트(&amp;T):</translation>
    </message>
    <message>
        <source>Saved. Deliveries started from now on qualify replies with these rules.</source>
        <translation>저장되었습니다. 지금부터 시작하는 게재는 이 규칙으로 응답을 분류합니다.</translation>
    </message>
    <message>
        <source>Loading the rules…</source>
        <translation>규칙을 불러오는 중…</translation>
    </message>
    <message>
        <source>Not saved. %1</source>
        <translation>저장되지 않음. %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장 중…</translation>
    </message>
    <message>
        <source>Restore the default rules</source>
        <translation>기본 규칙 복원</translation>
    </message>
    <message>
        <source>Replace every rule with the built-in defaults? Your own rules are lost.</source>
        <translation>모든 규칙을 기본 제공 규칙으로 바꾸시겠습니까? 직접 만든 규칙은 사라집니다.</translation>
    </message>
    <message>
        <source>Restoring the defaults…</source>
        <translation>기본값을 복원하는 중…</translation>
    </message>
    <message>
        <source>Fix the table first: %1</source>
        <translation>먼저 표를 수정하십시오: %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>No rule matches; by its class the reply is: %1</source>
        <translation>일치하는 규칙이 없습니다. 응답 클래스에 따른 분류: %1</translation>
    </message>
    <message>
        <source>Rule %1 matches: %2</source>
        <translation>규칙 %1 일치: %2</translation>
    </message>
</context>
<context>
    <name>QuarantinePage</name>
    <message>
        <source>Valid</source>
        <translation>유효</translation>
    </message>
    <message>
        <source>With errors</source>
        <translation>오류 있음</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>격리</translation>
    </message>
    <message>
        <source>Denylisted</source>
        <translation>차단 목록에 있음</translation>
    </message>
    <message>
        <source>Search addresses</source>
        <translation>주소 검색</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>오류 수</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>마지막 오류</translation>
    </message>
    <message>
        <source>Last error time</source>
        <translation>마지막 오류 시각</translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation>이전(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>다음(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation>해제(&amp;R)</translation>
    </message>
    <message>
        <source>Back to Valid with the error count reset: later analyses include the addresses again</source>
        <translation>오류 수를 초기화하고 유효 상태로 되돌립니다. 이후 분석에서 이 주소가 다시 포함됩니다</translation>
    </message>
    <message>
        <source>address@example.com</source>
        <translation>address@example.com</translation>
    </message>
    <message>
        <source>Add to &amp;denylist</source>
        <translation>차단 목록에 추가(&amp;D)</translation>
    </message>
    <message>
        <source>Denylist:</source>
        <translation>차단 목록:</translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) released.</source>
        <translation>
            <numerusform>주소 %n개를 해제했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is denylisted: later analyses exclude it.</source>
        <translation>%1이(가) 차단 목록에 추가되었습니다. 이후 분석에서 제외됩니다.</translation>
    </message>
    <message>
        <source>No address has had an error yet.</source>
        <translation>아직 오류가 발생한 주소가 없습니다.</translation>
    </message>
    <message>
        <source>No address matches.</source>
        <translation>일치하는 주소가 없습니다.</translation>
    </message>
    <message>
        <source>%1–%2 of %3</source>
        <translation>%3개 중 %1–%2</translation>
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
    <message>
        <source>Being sent</source>
        <translation>전송 중</translation>
    </message>
    <message>
        <source>Handed over; waiting for the destination&apos;s report</source>
        <translation>전달됨, 수신 측의 보고를 기다리는 중</translation>
    </message>
    <message>
        <source>The delivery is not confirmed yet</source>
        <translation>게재가 아직 확인되지 않음</translation>
    </message>
    <message>
        <source>The delivery starts later</source>
        <translation>게재가 나중에 시작됨</translation>
    </message>
    <message>
        <source>The delivery is paused</source>
        <translation>게재가 일시 중지됨</translation>
    </message>
    <message>
        <source>The delivery is not running</source>
        <translation>게재가 실행 중이 아님</translation>
    </message>
    <message>
        <source>Retry after a temporary failure (%1)</source>
        <translation>일시적 실패 후 재시도(%1)</translation>
    </message>
    <message>
        <source>Queued: connection and rate limits of its domain</source>
        <translation>대기 중: 도메인의 연결 및 속도 제한</translation>
    </message>
    <message>
        <source>The validity period ended</source>
        <translation>유효 기간이 끝남</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>다음 시도</translation>
    </message>
    <message>
        <source>Why waiting</source>
        <translation>대기 이유</translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <source>Throughput: no message handed over yet</source>
        <translation>처리량: 아직 전달된 메시지 없음</translation>
    </message>
    <message numerus="yes">
        <source>Throughput (messages per minute, %n-minute steps)</source>
        <translation>
            <numerusform>처리량(분당 메시지 수, %n분 간격)</numerusform>
        </translation>
    </message>
    <message>
        <source>per minute</source>
        <translation>분당</translation>
    </message>
    <message>
        <source>Non-deliverables by reason: none</source>
        <translation>원인별 게재 불가: 없음</translation>
    </message>
    <message>
        <source>Non-deliverables by reason</source>
        <translation>원인별 게재 불가</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation>하드</translation>
    </message>
    <message>
        <source>Soft</source>
        <translation>소프트</translation>
    </message>
</context>
<context>
    <name>ReportPdf</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1을(를) 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1을(를) 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Non-deliverables by reason</source>
        <translation>원인별 게재 불가</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>원인</translation>
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
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Non-deliverables by domain</source>
        <translation>도메인별 게재 불가</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>도메인</translation>
    </message>
    <message>
        <source>To deliver</source>
        <translation>게재 예정</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>전송됨</translation>
    </message>
    <message numerus="yes">
        <source>Only the %n domain(s) with the most failures are listed; the CSV export has them all.</source>
        <translation>
            <numerusform>실패가 가장 많은 도메인 %n개만 나열됩니다. CSV 내보내기에는 모두 포함됩니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Loading the report…</source>
        <translation>보고서를 불러오는 중…</translation>
    </message>
    <message>
        <source>The report could not be loaded: %1</source>
        <translation>보고서를 불러올 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성 일시</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>확인 일시</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>시작 일시</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>완료 일시</translation>
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
        <source>Excluded</source>
        <translation>제외됨</translation>
    </message>
    <message>
        <source>In retry</source>
        <translation>재시도 중</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>성공</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>소요 시간</translation>
    </message>
    <message>
        <source>Average rate</source>
        <translation>평균 속도</translation>
    </message>
    <message>
        <source>Report: %1</source>
        <translation>보고서: %1</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>보고서</translation>
    </message>
    <message>
        <source>No delivery selected</source>
        <translation>선택된 게재 없음</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 (hard %2, soft or expired %3)</source>
        <translation>%1(하드 %2, 소프트 또는 만료 %3)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 per minute</source>
        <translation>분당 %1</translation>
    </message>
    <message numerus="yes">
        <source>Only the %n domain(s) with the most failures are listed; the CSV export has them all.</source>
        <translation>
            <numerusform>실패가 가장 많은 도메인 %n개만 나열됩니다. CSV 내보내기에는 모두 포함됩니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>%1(으)로 내보냈습니다.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>내보내기에 실패했습니다: %1</translation>
    </message>
    <message>
        <source>There is no report to export.</source>
        <translation>내보낼 보고서가 없습니다.</translation>
    </message>
    <message>
        <source>A CSV export is already being written.</source>
        <translation>이미 CSV 내보내기를 쓰는 중입니다.</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 쓰는 중…</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1을(를) 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Delivery report: %1</source>
        <translation>게재 보고서: %1</translation>
    </message>
    <message>
        <source>%1 report</source>
        <translation>%1 보고서</translation>
    </message>
    <message>
        <source>Export the report as CSV</source>
        <translation>보고서를 CSV로 내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>Export the charts as PNG</source>
        <translation>차트를 PNG로 내보내기</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>Export the report as PDF</source>
        <translation>보고서를 PDF로 내보내기</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <source>Export charts as PNG…</source>
        <translation>차트를 PNG로 내보내기…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>PDF 내보내기…</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Non-deliverables by reason</source>
        <translation>원인별 게재 불가</translation>
    </message>
    <message>
        <source>Non-deliverables by domain</source>
        <translation>도메인별 게재 불가</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>원인</translation>
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
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>도메인</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>전송됨</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>There is no delivery %1.</source>
        <translation>게재 %1이(가) 없습니다.</translation>
    </message>
</context>
<context>
    <name>RouteEditor</name>
    <message>
        <source>Relay (smarthost)</source>
        <translation>릴레이(스마트 호스트)</translation>
    </message>
    <message>
        <source>Direct (each domain&apos;s MX)</source>
        <translation>직접(각 도메인의 MX)</translation>
    </message>
    <message>
        <source>STARTTLS required</source>
        <translation>STARTTLS 필수</translation>
    </message>
    <message>
        <source>STARTTLS when offered</source>
        <translation>제공되는 경우 STARTTLS</translation>
    </message>
    <message>
        <source>Implicit TLS (port 465)</source>
        <translation>암시적 TLS(포트 465)</translation>
    </message>
    <message>
        <source>None (plaintext)</source>
        <translation>없음(평문)</translation>
    </message>
    <message>
        <source>optional, for sendscope-cli</source>
        <translation>선택 사항, sendscope-cli용</translation>
    </message>
    <message>
        <source>The relay&apos;s acceptance means sent</source>
        <translation>릴레이가 수락하면 전송됨으로 간주</translation>
    </message>
    <message>
        <source>Ask for delivery status notifications (DSN)</source>
        <translation>배달 상태 알림(DSN) 요청</translation>
    </message>
    <message>
        <source>the system&apos;s certificate authorities only</source>
        <translation>시스템 인증 기관만 사용</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>도메인</translation>
    </message>
    <message>
        <source>Host:port</source>
        <translation>호스트:포트</translation>
    </message>
    <message>
        <source>Add override</source>
        <translation>재정의 추가</translation>
    </message>
    <message>
        <source>Remove override</source>
        <translation>재정의 제거</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>호스트</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>포트</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>사용자 이름</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>암호</translation>
    </message>
    <message>
        <source>Password variable</source>
        <translation>암호 환경 변수</translation>
    </message>
    <message>
        <source>HELO name</source>
        <translation>HELO 이름</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA 파일</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>연결 수</translation>
    </message>
    <message>
        <source>Connections per domain</source>
        <translation>도메인당 연결 수</translation>
    </message>
    <message>
        <source>Messages per connection</source>
        <translation>연결당 메시지 수</translation>
    </message>
    <message>
        <source>Messages in flight</source>
        <translation>전송 중인 메시지 수</translation>
    </message>
    <message>
        <source>MX overrides</source>
        <translation>MX 재정의</translation>
    </message>
    <message>
        <source>(no domain)</source>
        <translation>(도메인 없음)</translation>
    </message>
    <message>
        <source>Certificate authorities (PEM)</source>
        <translation>인증 기관(PEM)</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM 인증서 (*.pem *.crt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>전달됨</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Delayed</source>
        <translation>지연됨</translation>
    </message>
    <message>
        <source>Report when</source>
        <translation>보고 시점</translation>
    </message>
    <message>
        <source>the From address</source>
        <translation>보낸 사람 주소</translation>
    </message>
    <message>
        <source>Bounce address</source>
        <translation>바운스 주소</translation>
    </message>
    <message>
        <source>VERP: a bounce address per recipient (bounces+TOKEN@domain)</source>
        <translation>VERP: 수신자별 바운스 주소(bounces+TOKEN@domain)</translation>
    </message>
    <message>
        <source>Bounce mailbox (IMAP)</source>
        <translation>바운스 메일함(IMAP)</translation>
    </message>
    <message>
        <source>Implicit TLS (port 993)</source>
        <translation>암시적 TLS(포트 993)</translation>
    </message>
    <message>
        <source>None (loopback servers only)</source>
        <translation>없음(루프백 서버만)</translation>
    </message>
    <message>
        <source>Mark it as seen</source>
        <translation>읽음으로 표시</translation>
    </message>
    <message>
        <source>Move it to a folder</source>
        <translation>폴더로 이동</translation>
    </message>
    <message>
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <source>After reading</source>
        <translation>읽은 후</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>이동할 폴더</translation>
    </message>
    <message>
        <source>Read every</source>
        <translation>읽기 간격</translation>
    </message>
    <message>
        <source>Test mailbox connection</source>
        <translation>메일함 연결 테스트</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>세부 정보</translation>
    </message>
    <message>
        <source>Pool of relays (spread by weight, failover)</source>
        <translation>릴레이 풀 (가중치로 분산, 장애 시 전환)</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>구성원</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>Messages are spread over the members by weight; one that cannot be reached or drops the connection is left out for a while and the others take its share.</source>
        <translation>메시지는 가중치에 따라 구성원에게 나뉩니다. 연결할 수 없거나 연결이 끊긴 구성원은 잠시 제외되고 다른 구성원이 그 몫을 맡습니다.</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>구성원 추가</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>구성원 제거</translation>
    </message>
    <message>
        <source>Written in the route itself, not a saved route; kept as it is unless renamed</source>
        <translation>저장된 경로가 아니라 이 경로 안에 작성됨. 이름을 바꾸지 않으면 그대로 유지됩니다</translation>
    </message>
    <message>
        <source>Saved relay or direct route</source>
        <translation>저장된 릴레이 또는 직접 경로</translation>
    </message>
</context>
<context>
    <name>RouteTester</name>
    <message>
        <source>%1 goes to %2 (mx_override)</source>
        <translation>%1은(는) %2(으)로 갑니다(mx_override)</translation>
    </message>
    <message>
        <source>aborted</source>
        <translation>중단됨</translation>
    </message>
    <message>
        <source>the domain %1 does not exist (NXDOMAIN)</source>
        <translation>도메인 %1이(가) 존재하지 않습니다(NXDOMAIN)</translation>
    </message>
    <message>
        <source>MX lookup for %1 failed: %2</source>
        <translation>%1의 MX 조회 실패: %2</translation>
    </message>
    <message>
        <source>the domain %1 accepts no mail (null MX)</source>
        <translation>도메인 %1은(는) 메일을 받지 않습니다(null MX)</translation>
    </message>
    <message>
        <source>%1 has no MX record: its own address is used</source>
        <translation>%1에 MX 레코드가 없습니다. 도메인 자체의 주소를 사용합니다</translation>
    </message>
    <message>
        <source>MX of %1: %2</source>
        <translation>%1의 MX: %2</translation>
    </message>
    <message>
        <source>not sent: the connection was dropped</source>
        <translation>보내지 않음: 연결이 끊겼습니다</translation>
    </message>
    <message>
        <source>QUIT sent, connection closed; no mail was sent</source>
        <translation>QUIT 전송, 연결 종료. 메일은 보내지 않았습니다</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>도달하지 못함</translation>
    </message>
    <message>
        <source>%1 port %2: %3</source>
        <translation>%1 포트 %2: %3</translation>
    </message>
    <message>
        <source>connected to %1 (%2) port %3</source>
        <translation>%1(%2) 포트 %3에 연결됨</translation>
    </message>
    <message>
        <source>HELO accepted (the server does not know EHLO)</source>
        <translation>HELO 수락됨(서버가 EHLO를 모름)</translation>
    </message>
    <message>
        <source>EHLO %1: %2 extensions</source>
        <translation>EHLO %1: 확장 %2개</translation>
    </message>
    <message>
        <source>TLS handshake refused: the certificate is not trusted</source>
        <translation>TLS 핸드셰이크 거부: 신뢰할 수 없는 인증서입니다</translation>
    </message>
    <message>
        <source>implicit TLS: %1, %2</source>
        <translation>암시적 TLS: %1, %2</translation>
    </message>
    <message>
        <source>STARTTLS: %1, %2</source>
        <translation>STARTTLS: %1, %2</translation>
    </message>
    <message>
        <source>TLS is off for this route (tls: none)</source>
        <translation>이 경로는 TLS를 쓰지 않습니다(tls: none)</translation>
    </message>
    <message>
        <source>the server offers no STARTTLS: this route continues without TLS (opportunistic)</source>
        <translation>서버가 STARTTLS를 제공하지 않습니다. 이 경로는 TLS 없이 계속합니다(기회적)</translation>
    </message>
    <message>
        <source>not verified (%1): encrypted anyway, as the opportunistic policy allows without AUTH; set tls to starttls-required to insist</source>
        <translation>검증되지 않음(%1): AUTH가 없을 때 기회적 정책이 허용하므로 암호화는 합니다. 반드시 검증하려면 tls를 starttls-required로 설정하세요</translation>
    </message>
    <message>
        <source>verified for %1</source>
        <translation>%1에 대해 검증됨</translation>
    </message>
    <message>
        <source>no TLS, no certificate</source>
        <translation>TLS 없음, 인증서 없음</translation>
    </message>
    <message>
        <source>%1 as %2 refused: %3</source>
        <translation>%2(으)로 %1 거부됨: %3</translation>
    </message>
    <message>
        <source>no username: this route does not authenticate</source>
        <translation>사용자 이름 없음: 이 경로는 인증하지 않습니다</translation>
    </message>
    <message>
        <source>%1 as %2 accepted</source>
        <translation>%2(으)로 %1 수락됨</translation>
    </message>
</context>
<context>
    <name>RoutesPage</name>
    <message>
        <source>MX lookup</source>
        <translation>MX 조회</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>인사말</translation>
    </message>
    <message>
        <source>EHLO</source>
        <translation>EHLO</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>인증서</translation>
    </message>
    <message>
        <source>AUTH</source>
        <translation>AUTH</translation>
    </message>
    <message>
        <source>QUIT</source>
        <translation>QUIT</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>추가</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>삭제…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Test domain:</source>
        <translation>테스트 도메인:</translation>
    </message>
    <message>
        <source>example.com: its MX is tested</source>
        <translation>example.com: 해당 도메인의 MX를 테스트합니다</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>연결 테스트</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>No password for route %1: the test needs one.</source>
        <translation>경로 %1의 암호가 없습니다. 테스트하려면 암호가 필요합니다.</translation>
    </message>
    <message>
        <source>The password of %1 could not go to the keychain (%2): it is kept for this run only.</source>
        <translation>%1의 암호를 키체인에 저장할 수 없어(%2) 이번 실행에서만 보관됩니다.</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>직접</translation>
    </message>
    <message>
        <source>relay</source>
        <translation>릴레이</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>New route: fill in the form, then Save.</source>
        <translation>새 경로: 양식을 작성한 다음 저장을 누르십시오.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장 중…</translation>
    </message>
    <message>
        <source>Not saved: correct the fields marked in red.</source>
        <translation>저장되지 않음: 빨간색으로 표시된 필드를 수정하십시오.</translation>
    </message>
    <message>
        <source>Route %1 saved.</source>
        <translation>경로 %1 저장됨.</translation>
    </message>
    <message>
        <source>Delete route</source>
        <translation>경로 삭제</translation>
    </message>
    <message>
        <source>Delete the route %1? Deliveries that name it can no longer be sent.</source>
        <translation>경로 %1을(를) 삭제하시겠습니까? 이 경로를 지정한 게재는 더 이상 보낼 수 없습니다.</translation>
    </message>
    <message>
        <source>Route %1 deleted.</source>
        <translation>경로 %1 삭제됨.</translation>
    </message>
    <message>
        <source>route.password: enter the password to test this new route</source>
        <translation>route.password: 이 새 경로를 테스트하려면 암호를 입력하십시오</translation>
    </message>
    <message>
        <source>Getting the password of %1…</source>
        <translation>%1의 암호를 가져오는 중…</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>연결을 테스트하는 중…</translation>
    </message>
    <message>
        <source>The test could not start: %1</source>
        <translation>테스트를 시작할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Connection test passed. No mail was sent.</source>
        <translation>연결 테스트를 통과했습니다. 메일은 보내지 않았습니다.</translation>
    </message>
    <message>
        <source>Connection test failed: see the step marked in red.</source>
        <translation>연결 테스트 실패: 빨간색으로 표시된 단계를 확인하십시오.</translation>
    </message>
    <message>
        <source>no username, no password</source>
        <translation>사용자 이름 및 암호 없음</translation>
    </message>
    <message>
        <source>stored in the system keychain</source>
        <translation>시스템 키체인에 저장됨</translation>
    </message>
    <message>
        <source>kept for this run only (no keychain)</source>
        <translation>이번 실행에서만 보관(키체인 없음)</translation>
    </message>
    <message>
        <source>unchanged (in the system keychain)</source>
        <translation>변경 없음(시스템 키체인에 있음)</translation>
    </message>
    <message>
        <source>unchanged (asked once per run: no keychain)</source>
        <translation>변경 없음(실행마다 한 번 물어봄: 키체인 없음)</translation>
    </message>
    <message>
        <source>sandbox: nothing leaves this computer</source>
        <translation>샌드박스: 이 컴퓨터 밖으로 나가는 것이 없음</translation>
    </message>
    <message>
        <source>The sandbox route is edited in File &gt; Sandbox outcomes…</source>
        <translation>샌드박스 경로는 파일 &gt; 샌드박스 결과…에서 편집합니다</translation>
    </message>
    <message>
        <source>No password for the bounce mailbox of %1: the test needs one.</source>
        <translation>%1의 바운스 메일함 비밀번호가 없습니다. 테스트에는 비밀번호가 필요합니다.</translation>
    </message>
    <message>
        <source>route.bounce_mailbox.password: enter the password to test this mailbox</source>
        <translation>route.bounce_mailbox.password: 이 메일함을 테스트하려면 비밀번호를 입력하십시오</translation>
    </message>
    <message>
        <source>Getting the bounce mailbox password of %1…</source>
        <translation>%1의 바운스 메일함 비밀번호를 가져오는 중…</translation>
    </message>
    <message>
        <source>Testing the bounce mailbox…</source>
        <translation>바운스 메일함을 테스트하는 중…</translation>
    </message>
    <message>
        <source>The mailbox test could not start: correct the fields marked in red.</source>
        <translation>메일함 테스트를 시작할 수 없습니다. 빨간색으로 표시된 필드를 고치십시오.</translation>
    </message>
    <message>
        <source>Bounce mailbox test passed: logged in and opened the folder.</source>
        <translation>바운스 메일함 테스트 통과: 로그인하고 폴더를 열었습니다.</translation>
    </message>
    <message>
        <source>Bounce mailbox test failed: see the step marked in red.</source>
        <translation>바운스 메일함 테스트 실패: 빨간색으로 표시된 단계를 보십시오.</translation>
    </message>
    <message>
        <source>fill in the bounce mailbox first</source>
        <translation>먼저 바운스 메일함을 입력하십시오</translation>
    </message>
    <message>
        <source>pool of relays</source>
        <translation>릴레이 풀</translation>
    </message>
    <message>
        <source>Test each member of the pool as its own saved route</source>
        <translation>풀의 각 구성원은 저장된 각자의 경로로 테스트하세요</translation>
    </message>
</context>
<context>
    <name>RuleTablePage</name>
    <message>
        <source>&amp;Add</source>
        <translation>추가(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>제거(&amp;R)</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>위로 이동(&amp;U)</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>아래로 이동(&amp;W)</translation>
    </message>
    <message>
        <source>Restore &amp;defaults…</source>
        <translation>기본값 복원(&amp;D)…</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>되돌리기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Unsaved changes.</source>
        <translation>저장되지 않은 변경 사항이 있습니다.</translation>
    </message>
    <message>
        <source>Loading the rules…</source>
        <translation>규칙을 불러오는 중…</translation>
    </message>
</context>
<context>
    <name>SandboxBanner</name>
    <message>
        <source>[Sandbox]</source>
        <translation>[샌드박스]</translation>
    </message>
    <message>
        <source>[Sandbox] %1</source>
        <translation>[샌드박스] %1</translation>
    </message>
    <message>
        <source>Sandbox route: messages go to a local test sink on this computer and never reach anyone.</source>
        <translation>샌드박스 경로: 메시지는 이 컴퓨터의 로컬 테스트 수신처로 가며 아무에게도 도달하지 않습니다.</translation>
    </message>
    <message>
        <source>The sandbox answers each recipient domain with the outcome chosen in Sandbox settings (accept, hard bounce, soft bounce or throttle). Nothing is delivered.</source>
        <translation>샌드박스는 샌드박스 설정에서 선택한 결과(수락, 하드 바운스, 소프트 바운스 또는 속도 제한)로 각 수신 도메인에 응답합니다. 아무것도 전달되지 않습니다.</translation>
    </message>
</context>
<context>
    <name>SandboxDialog</name>
    <message>
        <source>Accept (250)</source>
        <translation>수락(250)</translation>
    </message>
    <message>
        <source>Hard bounce (550 5.1.1 user unknown)</source>
        <translation>하드 바운스(550 5.1.1 알 수 없는 사용자)</translation>
    </message>
    <message>
        <source>Soft bounce (452 4.2.2 mailbox full)</source>
        <translation>소프트 바운스(452 4.2.2 사서함 가득 참)</translation>
    </message>
    <message>
        <source>Throttle (421 4.7.0 try again later, connection closed)</source>
        <translation>속도 제한(421 4.7.0 나중에 다시 시도, 연결 종료)</translation>
    </message>
    <message>
        <source>&amp;Add domain</source>
        <translation>도메인 추가(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>제거(&amp;R)</translation>
    </message>
    <message>
        <source>Sandbox settings: %1</source>
        <translation>샌드박스 설정: %1</translation>
    </message>
    <message>
        <source>The sandbox answers each recipient with the outcome of its domain (or of its closest listed parent domain). The sample delivery uses example.com, bounce.example, mailbox-full.example and throttled.example.</source>
        <translation>샌드박스는 각 수신자에게 해당 도메인(또는 목록에서 가장 가까운 상위 도메인)의 결과로 응답합니다. 예제 게재는 example.com, bounce.example, mailbox-full.example, throttled.example을 사용합니다.</translation>
    </message>
    <message>
        <source>Recipient domain</source>
        <translation>수신자 도메인</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Every other domain:</source>
        <translation>그 밖의 모든 도메인:</translation>
    </message>
    <message>
        <source>Latency per message:</source>
        <translation>메시지당 지연 시간:</translation>
    </message>
    <message>
        <source>The sandbox route could not be read (%1); the default table is shown.</source>
        <translation>샌드박스 경로를 읽을 수 없어(%1) 기본 표를 표시합니다.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>저장되지 않음: %1</translation>
    </message>
    <message>
        <source>Reading the sandbox route…</source>
        <translation>샌드박스 경로를 읽는 중…</translation>
    </message>
    <message>
        <source>e.g. bounce.example</source>
        <translation>예: bounce.example</translation>
    </message>
    <message>
        <source>Row %1: enter a domain, or remove the row.</source>
        <translation>%1행: 도메인을 입력하거나 행을 제거하십시오.</translation>
    </message>
    <message>
        <source>Row %1: “%2” is not a domain name.</source>
        <translation>%1행: “%2”은(는) 도메인 이름이 아닙니다.</translation>
    </message>
    <message>
        <source>Row %1: %2 is listed twice.</source>
        <translation>%1행: %2이(가) 두 번 나열되었습니다.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장 중…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
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
    <message>
        <source>Complaint</source>
        <translation>수신 거부</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>구독 해지</translation>
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
