<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>AppController</name>
        <message numerus="yes">
            <location filename="../../app/gui/controller.py" line="115" />
            <source>%n file(s) skipped: only PDF files can be read.</source>
            <extracomment>A short status-bar sentence (files skipped, documents resumed...). ``(job_id, file name, retry)``: ask for a password; ``retry`` after a wrong one. ``count``: unfinished documents from the last session can be resumed. ``(done, failed)``: every document in the list has finished. ``exit code``: ``--exit-when-done`` and its files have all finished.</extracomment>
            <translation>
                <numerusform>%n file skipped: only PDF files can be read.</numerusform>
                <numerusform>%n files skipped: only PDF files can be read.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/gui/controller.py" line="154" />
            <source>%n PDF(s) found in the folder.</source>
            <translation>
                <numerusform>%n PDF found in the folder.</numerusform>
                <numerusform>%n PDFs found in the folder.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/gui/controller.py" line="240" />
            <source>Resuming %n document(s).</source>
            <translation>
                <numerusform>Resuming %n document.</numerusform>
                <numerusform>Resuming %n documents.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/gui/controller.py" line="115" />
            <source>%n file(s) skipped: only PDFs and scanned images can be read.</source>
            <extracomment>A short status-bar sentence (files skipped, documents resumed...). ``(job_id, file name, retry)``: ask for a password; ``retry`` after a wrong one. ``count``: unfinished documents from the last session can be resumed. ``(done, failed)``: every document in the list has finished. ``exit code``: ``--exit-when-done`` and its files have all finished.</extracomment>
            <translation>
                <numerusform>%n file skipped: only PDFs and scanned images can be read.</numerusform>
                <numerusform>%n files skipped: only PDFs and scanned images can be read.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/gui/controller.py" line="154" />
            <source>%n document(s) found in the folder.</source>
            <translation>
                <numerusform>%n document found in the folder.</numerusform>
                <numerusform>%n documents found in the folder.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <location filename="../../app/gui/window.py" line="182" />
            <source>%n document(s)</source>
            <translation>
                <numerusform>%n document</numerusform>
                <numerusform>%n documents</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/gui/window.py" line="185" />
            <source>%n running</source>
            <translation>
                <numerusform>%n running</numerusform>
                <numerusform>%n running</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/gui/window.py" line="239" />
            <source>Saved %n file(s) in %1</source>
            <translation>
                <numerusform>Saved %n file in %1</numerusform>
                <numerusform>Saved %n files in %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ResumeBanner</name>
        <message numerus="yes">
            <location filename="../../app/gui/banner.py" line="33" />
            <source>Resume %n unfinished document(s) from last time?</source>
            <translation>
                <numerusform>Resume %n unfinished document from last time?</numerusform>
                <numerusform>Resume %n unfinished documents from last time?</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Texts</name>
        <message numerus="yes">
            <location filename="../../app/gui/texts.py" line="51" />
            <source>%n page(s)</source>
            <translation>
                <numerusform>%n page</numerusform>
                <numerusform>%n pages</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/gui/texts.py" line="55" />
            <source>%n page(s) failed</source>
            <translation>
                <numerusform>%n page failed</numerusform>
                <numerusform>%n pages failed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n blank page(s)</source>
            <translation>
                <numerusform>%n blank page</numerusform>
                <numerusform>%n blank pages</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message numerus="yes">
            <source> process(es)</source>
            <translation>
                <numerusform> process</numerusform>
                <numerusform> processes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln document(s)</source>
            <translation>
                <numerusform>%Ln document</numerusform>
                <numerusform>%Ln documents</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln page(s)</source>
            <translation>
                <numerusform>%Ln page</numerusform>
                <numerusform>%Ln pages</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Formats</name>
        <message numerus="yes">
            <source>%n byte(s)</source>
            <translation>
                <numerusform>%n byte</numerusform>
                <numerusform>%n bytes</numerusform>
            </translation>
        </message>
    </context>
</TS>