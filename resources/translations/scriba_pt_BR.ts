<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="pt_BR">
    <context>
        <name>Finder</name>
        <message>
            <source>No matches</source>
            <translation>Nenhuma ocorrência</translation>
        </message>
        <message>
            <source>%1 of %2</source>
            <translation>%1 de %2</translation>
        </message>
    </context>
    <context>
        <name>About</name>
        <message>
            <location filename="../../app/gui/about.py" line="33" />
            <source>not available</source>
            <translation>não disponível</translation>
        </message>
        <message>
            <location filename="../../app/gui/about.py" line="42" />
            <source>bundled, tessdata_fast</source>
            <translation>incluído, tessdata_fast</translation>
        </message>
        <message>
            <location filename="../../app/gui/about.py" line="43" />
            <source>added by you</source>
            <translation>adicionado por você</translation>
        </message>
        <message>
            <location filename="../../app/gui/about.py" line="55" />
            <source>Turns scanned PDFs into searchable text, Word documents and PDFs.</source>
            <translation>Transforma PDFs digitalizados em texto pesquisável, documentos do Word e PDFs.</translation>
        </message>
        <message>
            <location filename="../../app/gui/about.py" line="56" />
            <source>Your documents never leave this computer.</source>
            <translation>Seus documentos nunca saem deste computador.</translation>
        </message>
        <message>
            <location filename="../../app/gui/about.py" line="57" />
            <source>Tesseract</source>
            <translation>Tesseract</translation>
        </message>
        <message>
            <location filename="../../app/gui/about.py" line="58" />
            <source>Language models</source>
            <translation>Modelos de idioma</translation>
        </message>
        <message>
            <location filename="../../app/gui/about.py" line="59" />
            <source>Licensed under the Apache License 2.0.</source>
            <translation>Licenciado sob a Licença Apache 2.0.</translation>
        </message>
        <message>
            <location filename="../../app/gui/about.py" line="62" />
            <source>none found</source>
            <translation>nenhum encontrado</translation>
        </message>
        <message>
            <location filename="../../app/gui/about.py" line="77" />
            <location filename="../../app/gui/about.py" line="80" />
            <source>About Scriba</source>
            <translation>Sobre o Scriba</translation>
        </message>
    </context>
    <context>
        <name>AppController</name>
        <message numerus="yes">
            <location filename="../../app/gui/controller.py" line="115" />
            <source>%n file(s) skipped: only PDF files can be read.</source>
            <extracomment>A short status-bar sentence (files skipped, documents resumed...). ``(job_id, file name, retry)``: ask for a password; ``retry`` after a wrong one. ``count``: unfinished documents from the last session can be resumed. ``(done, failed)``: every document in the list has finished. ``exit code``: ``--exit-when-done`` and its files have all finished.</extracomment>
            <translation>
                <numerusform>%n arquivo ignorado: só é possível ler arquivos PDF.</numerusform>
                <numerusform>%n arquivos ignorados: só é possível ler arquivos PDF.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/gui/controller.py" line="154" />
            <source>%n PDF(s) found in the folder.</source>
            <translation>
                <numerusform>%n PDF encontrado na pasta.</numerusform>
                <numerusform>%n PDFs encontrados na pasta.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/gui/controller.py" line="240" />
            <source>Resuming %n document(s).</source>
            <translation>
                <numerusform>Retomando %n documento.</numerusform>
                <numerusform>Retomando %n documentos.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/gui/controller.py" line="115" />
            <source>%n file(s) skipped: only PDFs and scanned images can be read.</source>
            <extracomment>A short status-bar sentence (files skipped, documents resumed...). ``(job_id, file name, retry)``: ask for a password; ``retry`` after a wrong one. ``count``: unfinished documents from the last session can be resumed. ``(done, failed)``: every document in the list has finished. ``exit code``: ``--exit-when-done`` and its files have all finished.</extracomment>
            <translation>
                <numerusform>%n arquivo ignorado: só é possível ler PDFs e imagens digitalizadas.</numerusform>
                <numerusform>%n arquivos ignorados: só é possível ler PDFs e imagens digitalizadas.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/gui/controller.py" line="146" />
            <source>Searching %1 for documents…</source>
            <translation>Procurando documentos em %1…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/gui/controller.py" line="154" />
            <source>%n document(s) found in the folder.</source>
            <translation>
                <numerusform>%n documento encontrado na pasta.</numerusform>
                <numerusform>%n documentos encontrados na pasta.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/gui/controller.py" line="156" />
            <source>No PDFs or scanned images were found there.</source>
            <translation>Nenhum PDF ou imagem digitalizada foi encontrado ali.</translation>
        </message>
    </context>
    <context>
        <name>DropZone</name>
        <message>
            <location filename="../../app/gui/drop_zone.py" line="67" />
            <source>Ctrl+O opens the file dialog</source>
            <translation>Ctrl+O abre a janela de arquivos</translation>
        </message>
        <message>
            <location filename="../../app/gui/drop_zone.py" line="51" />
            <source>Drop zone: drop PDFs or scanned images here or press Enter to choose files</source>
            <extracomment>The user clicked the zone (or pressed Enter/Space on it): show the open dialog. Local paths dropped on the zone (files and folders, not yet filtered).</extracomment>
            <translation>Área de soltar: solte PDFs ou imagens digitalizadas aqui ou pressione Enter para escolher arquivos</translation>
        </message>
        <message>
            <location filename="../../app/gui/drop_zone.py" line="58" />
            <source>Drop PDFs or scanned images here or click to choose</source>
            <translation>Solte PDFs ou imagens digitalizadas aqui ou clique para escolher</translation>
        </message>
        <message>
            <location filename="../../app/gui/drop_zone.py" line="62" />
            <source>Folders are searched for PDFs and images too. Scanned pages become searchable text.</source>
            <translation>As pastas também são vasculhadas em busca de PDFs e imagens. Páginas digitalizadas viram texto pesquisável.</translation>
        </message>
    </context>
    <context>
        <name>ExportDialogs</name>
        <message>
            <source>Export as %1</source>
            <translation>Exportar como %1</translation>
        </message>
        <message numerus="yes">
            <source>Export %n document(s) into a folder</source>
            <translation>
                <numerusform>Exportar %n documento para uma pasta</numerusform>
                <numerusform>Exportar %n documentos para uma pasta</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ExportFlow</name>
        <message>
            <source>Open file</source>
            <translation>Abrir arquivo</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>Abrir pasta</translation>
        </message>
        <message>
            <source>An export is still being written.</source>
            <translation>Uma exportação ainda está sendo gravada.</translation>
        </message>
        <message>
            <source>Select a finished document to export.</source>
            <translation>Selecione um documento concluído para exportar.</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>Exportando…</translation>
        </message>
        <message numerus="yes">
            <source>%n existing file(s) left as they were.</source>
            <translation>
                <numerusform>%n arquivo existente ficou como estava.</numerusform>
                <numerusform>%n arquivos existentes ficaram como estavam.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Saved %n file(s) in %1</source>
            <translation>
                <numerusform>%n arquivo salvo em %1</numerusform>
                <numerusform>%n arquivos salvos em %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Not exported: %1</source>
            <translation>Não exportado: %1</translation>
        </message>
        <message numerus="yes">
            <source>%n document(s) could not be exported.</source>
            <translation>
                <numerusform>%n documento não pôde ser exportado.</numerusform>
                <numerusform>%n documentos não puderam ser exportados.</numerusform>
            </translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation>Falha na exportação</translation>
        </message>
        <message>
            <source>Export finished</source>
            <translation>Exportação concluída</translation>
        </message>
    </context>
    <context>
        <name>GuideWindow</name>
        <message>
            <source>Scriba user guide</source>
            <translation>Guia do usuário do Scriba</translation>
        </message>
        <message>
            <source>User guide</source>
            <translation>Guia do usuário</translation>
        </message>
        <message>
            <source>The user guide is missing from this installation.</source>
            <translation>O guia do usuário não está nesta instalação.</translation>
        </message>
    </context>
    <context>
        <name>JobDelegate</name>
        <message>
            <location filename="../../app/gui/job_delegate.py" line="106" />
            <location filename="../../app/gui/job_delegate.py" line="115" />
            <source>Cancel</source>
            <extracomment>Emitted with the job id when a row's cancel button is clicked.</extracomment>
            <translation>Cancelar</translation>
        </message>
    </context>
    <context>
        <name>JobModel</name>
        <message>
            <location filename="../../app/gui/job_model.py" line="92" />
            <source>Document</source>
            <extracomment>Custom roles the delegate and the window read.</extracomment>
            <translation>Documento</translation>
        </message>
        <message>
            <location filename="../../app/gui/job_model.py" line="93" />
            <source>Pages</source>
            <translation>Páginas</translation>
        </message>
        <message>
            <location filename="../../app/gui/job_model.py" line="94" />
            <source>Progress</source>
            <translation>Progresso</translation>
        </message>
        <message>
            <location filename="../../app/gui/job_model.py" line="95" />
            <source>Speed</source>
            <translation>Velocidade</translation>
        </message>
        <message>
            <location filename="../../app/gui/job_model.py" line="96" />
            <source>Time left</source>
            <translation>Tempo restante</translation>
        </message>
        <message>
            <location filename="../../app/gui/job_model.py" line="97" />
            <source>Status</source>
            <translation>Situação</translation>
        </message>
        <message>
            <location filename="../../app/gui/job_model.py" line="120" />
            <source>Cancel this document (Esc)</source>
            <translation>Cancelar este documento (Esc)</translation>
        </message>
        <message>
            <location filename="../../app/gui/job_model.py" line="240" />
            <source>Page %1: %2</source>
            <translation>Página %1: %2</translation>
        </message>
    </context>
    <context>
        <name>JobView</name>
        <message>
            <location filename="../../app/gui/job_view.py" line="27" />
            <source>Documents</source>
            <extracomment>Job ids the user asked to cancel (Esc, or a row's Cancel button). Job ids the user asked to take off the list (Delete). The job whose text the review pane should show (-1: none).</extracomment>
            <translation>Documentos</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Tentar novamente</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <source>Remove from list</source>
            <translation>Remover da lista</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <location filename="../../app/gui/window.py" line="182" />
            <source>%n document(s)</source>
            <translation>
                <numerusform>%n documento</numerusform>
                <numerusform>%n documentos</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/gui/window.py" line="182" />
            <source>%1 of %2 pages</source>
            <translation>%1 de %2 páginas</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/gui/window.py" line="185" />
            <source>%n running</source>
            <translation>
                <numerusform>%n em andamento</numerusform>
                <numerusform>%n em andamento</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/gui/window.py" line="121" />
            <source>Add documents</source>
            <translation>Adicionar documentos</translation>
        </message>
        <message>
            <location filename="../../app/gui/window.py" line="121" />
            <source>Documents (*.pdf *.tif *.tiff *.jpg *.jpeg *.png *.bmp *.webp)</source>
            <translation>Documentos (*.pdf *.tif *.tiff *.jpg *.jpeg *.png *.bmp *.webp)</translation>
        </message>
        <message>
            <location filename="../../app/gui/window.py" line="130" />
            <source>Add a folder of documents</source>
            <translation>Adicionar uma pasta de documentos</translation>
        </message>
        <message numerus="yes">
            <source>%n done</source>
            <translation>
                <numerusform>%n concluído</numerusform>
                <numerusform>%n concluídos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cancelled</source>
            <translation>
                <numerusform>%n cancelado</numerusform>
                <numerusform>%n cancelados</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n not read</source>
            <translation>
                <numerusform>%n não lido</numerusform>
                <numerusform>%n não lidos</numerusform>
            </translation>
        </message>
        <message>
            <source>All documents finished: %1.</source>
            <translation>Todos os documentos terminaram: %1.</translation>
        </message>
        <message>
            <source>%1 % — Scriba</source>
            <translation>%1 % — Scriba</translation>
        </message>
    </context>
    <context>
        <name>OverwriteDialog</name>
        <message>
            <source>Files already exist</source>
            <translation>Arquivos já existentes</translation>
        </message>
        <message>
            <source>Files that already exist</source>
            <translation>Arquivos que já existem</translation>
        </message>
        <message>
            <source>&amp;Replace</source>
            <translation>&amp;Substituir</translation>
        </message>
        <message>
            <source>&amp;Keep both</source>
            <translation>&amp;Manter ambos</translation>
        </message>
        <message>
            <source>&amp;Skip</source>
            <translation>&amp;Pular</translation>
        </message>
        <message>
            <source>Cancel export</source>
            <translation>Cancelar exportação</translation>
        </message>
        <message>
            <source>What should Scriba do with “%1”?</source>
            <translation>O que o Scriba deve fazer com “%1”?</translation>
        </message>
        <message numerus="yes">
            <source>Do the same for the %n other file(s)</source>
            <translation>
                <numerusform>Fazer o mesmo com o %n outro arquivo</numerusform>
                <numerusform>Fazer o mesmo com os %n outros arquivos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) already exist in this folder:</source>
            <translation>
                <numerusform>%n arquivo já existe nesta pasta:</numerusform>
                <numerusform>%n arquivos já existem nesta pasta:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message>
            <location filename="../../app/gui/password_dialog.py" line="14" />
            <source>Password required</source>
            <translation>Senha necessária</translation>
        </message>
        <message>
            <location filename="../../app/gui/password_dialog.py" line="16" />
            <source>“%1” is protected by a password. Enter it to read the document.</source>
            <translation>“%1” é protegido por senha. Digite-a para ler o documento.</translation>
        </message>
        <message>
            <location filename="../../app/gui/password_dialog.py" line="19" />
            <source>That password is not correct. Try again.</source>
            <translation>Essa senha não está correta. Tente de novo.</translation>
        </message>
        <message>
            <location filename="../../app/gui/password_dialog.py" line="24" />
            <source>Password</source>
            <translation>Senha</translation>
        </message>
        <message>
            <location filename="../../app/gui/password_dialog.py" line="28" />
            <source>Skip this document</source>
            <translation>Pular este documento</translation>
        </message>
    </context>
    <context>
        <name>ResumeBanner</name>
        <message>
            <location filename="../../app/gui/banner.py" line="21" />
            <source>Resume</source>
            <extracomment>The user chose to resume the unfinished documents. The user chose not to resume them (they will not be offered again).</extracomment>
            <translation>Retomar</translation>
        </message>
        <message>
            <location filename="../../app/gui/banner.py" line="22" />
            <source>Dismiss</source>
            <translation>Dispensar</translation>
        </message>
        <message numerus="yes">
            <source>%1 and %n more</source>
            <translation>
                <numerusform>%1 e mais %n</numerusform>
                <numerusform>%1 e mais %n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Resume %n unfinished document(s) from last time (%1)?</source>
            <translation>
                <numerusform>Retomar %n documento inacabado da última vez (%1)?</numerusform>
                <numerusform>Retomar %n documentos inacabados da última vez (%1)?</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReviewPane</name>
        <message>
            <source>Redo</source>
            <translation>Refazer</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="53" />
            <location filename="../../app/gui/review.py" line="133" />
            <source>Select a document to review its text.</source>
            <extracomment>Emitted with a short message for the status bar (e.g. after copying).</extracomment>
            <translation>Selecione um documento para revisar o texto.</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="56" />
            <source>Search all pages (Ctrl+F)</source>
            <translation>Pesquisar em todas as páginas (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="57" />
            <source>Search text</source>
            <translation>Pesquisar texto</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="61" />
            <source>Previous</source>
            <translation>Anterior</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="62" />
            <source>Previous match</source>
            <translation>Ocorrência anterior</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="63" />
            <source>Next</source>
            <translation>Próxima</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="64" />
            <source>Next match</source>
            <translation>Próxima ocorrência</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="66" />
            <source>Copy text</source>
            <translation>Copiar texto</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="67" />
            <source>Copy the selected text or the whole page</source>
            <translation>Copiar o texto selecionado ou a página inteira</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="70" />
            <source>Pages</source>
            <translation>Páginas</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="73" />
            <source>Page image</source>
            <translation>Imagem da página</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="77" />
            <source>Recognised text</source>
            <translation>Texto reconhecido</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="79" />
            <source>Highlighted words: the OCR is unsure of them; check against the image.</source>
            <translation>Palavras destacadas: o OCR não tem certeza delas; confira com a imagem.</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="198" />
            <source>This page could not be read: %1</source>
            <translation>Não foi possível ler esta página: %1</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="200" />
            <source>OCR confidence {conf}%</source>
            <translation>Confiança do OCR {conf}%</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="202" />
            <source>Loading page image…</source>
            <translation>Carregando a imagem da página…</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="214" />
            <source>The page image is not available.</source>
            <translation>A imagem da página não está disponível.</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="226" />
            <source>Page %1</source>
            <translation>Página %1</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="273" />
            <source>No matches</source>
            <translation>Nenhuma ocorrência</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="276" />
            <source>%1 of %2</source>
            <translation>%1 de %2</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" line="303" />
            <source>Text copied to the clipboard.</source>
            <translation>Texto copiado para a área de transferência.</translation>
        </message>
        <message>
            <source>No text was found on this page: it looks blank.</source>
            <translation>Nenhum texto foi encontrado nesta página: ela parece estar em branco.</translation>
        </message>
        <message>
            <source>%1 (blank)</source>
            <translation>%1 (em branco)</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" />
            <source>Copy all pages</source>
            <translation>Copiar todas as páginas</translation>
        </message>
        <message>
            <location filename="../../app/gui/review.py" />
            <source>Copy the text of every page, as the text export writes it</source>
            <translation>Copiar o texto de todas as páginas, como a exportação de texto o grava</translation>
        </message>
        <message>
            <source>Revert to OCR text</source>
            <translation>Voltar ao texto do OCR</translation>
        </message>
        <message>
            <source>Undo every correction of this page</source>
            <translation>Desfazer todas as correções desta página</translation>
        </message>
        <message>
            <source>Recognised text, editable</source>
            <translation>Texto reconhecido, editável</translation>
        </message>
        <message>
            <source>Edited: your text replaces the OCR text in every export.</source>
            <translation>Editada: o seu texto substitui o texto do OCR em todas as exportações.</translation>
        </message>
        <message>
            <source>The page was read again since; your text was kept.</source>
            <translation>A página foi lida de novo desde então; o seu texto foi mantido.</translation>
        </message>
        <message>
            <source>edited</source>
            <translation>editada</translation>
        </message>
        <message numerus="yes">
            <source>%n corrected page(s) read again came out differently; your text was kept.</source>
            <translation>
                <numerusform>%n página corrigida lida de novo saiu diferente; o seu texto foi mantido.</numerusform>
                <numerusform>%n páginas corrigidas lidas de novo saíram diferentes; o seu texto foi mantido.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CourtExport</name>
        <message>
            <location filename="../../app/gui/court_export.py" line="1" />
            <source>PJe, labour courts (1.5 MB)</source>
            <translation>PJe da Justiça do Trabalho (1,5 MB)</translation>
        </message>
        <message>
            <location filename="../../app/gui/court_export.py" line="1" />
            <source>TRF5 (2 MB)</source>
            <translation>TRF5 (2 MB)</translation>
        </message>
        <message>
            <location filename="../../app/gui/court_export.py" line="1" />
            <source>PJe, CNJ (3 MB)</source>
            <translation>PJe do CNJ (3 MB)</translation>
        </message>
        <message>
            <location filename="../../app/gui/court_export.py" line="1" />
            <source>Projudi (4 MB)</source>
            <translation>Projudi (4 MB)</translation>
        </message>
        <message>
            <location filename="../../app/gui/court_export.py" line="1" />
            <source>For court filing (PDF/A, at most %1 per file)…</source>
            <translation>Para peticionamento (PDF/A, até %1 por arquivo)…</translation>
        </message>
        <message>
            <location filename="../../app/gui/court_export.py" line="1" />
            <source>Court filing size limit</source>
            <translation>Limite de tamanho para peticionamento</translation>
        </message>
        <message>
            <location filename="../../app/gui/court_export.py" line="1" />
            <source>Custom</source>
            <translation>Personalizado</translation>
        </message>
        <message>
            <location filename="../../app/gui/court_export.py" line="1" />
            <source>Custom size limit</source>
            <translation>Limite de tamanho personalizado</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="55" />
            <source>Settings</source>
            <translation>Configurações</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="60" />
            <source>OCR languages</source>
            <translation>Idiomas do OCR</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="65" />
            <source>Resolution</source>
            <translation>Resolução</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="66" />
            <source>Automatic (the scan's own resolution)</source>
            <translation>Automática (a resolução da própria digitalização)</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="68" />
            <source>%1 DPI</source>
            <translation>%1 DPI</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="69" />
            <source>Use the text already in the PDF when it has some</source>
            <translation>Usar o texto que o PDF já contém, quando houver</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="70" />
            <source>Turn sideways and upside-down pages upright</source>
            <translation>Endireitar páginas deitadas ou de cabeça para baixo</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="73" />
            <source>Parallel workers</source>
            <translation>Processos em paralelo</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="80" />
            <source>Cache size limit</source>
            <translation>Limite de tamanho do cache</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="82" />
            <location filename="../../app/gui/settings_dialog.py" line="206" />
            <source>Clear cache</source>
            <translation>Limpar cache</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="86" />
            <source>Interface language</source>
            <translation>Idioma da interface</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="87" />
            <source>System</source>
            <translation>Sistema</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="91" />
            <source>When the queue finishes</source>
            <translation>Quando a fila terminar</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="92" />
            <source>Do nothing</source>
            <translation>Não fazer nada</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="93" />
            <source>Show a notification</source>
            <translation>Mostrar uma notificação</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="94" />
            <source>Quit Scriba</source>
            <translation>Fechar o Scriba</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="96" />
            <source>Recognition</source>
            <translation>Reconhecimento</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="98" />
            <source>Languages:</source>
            <translation>Idiomas:</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="99" />
            <source>Resolution:</source>
            <translation>Resolução:</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="102" />
            <source>Workers:</source>
            <translation>Processos:</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="103" />
            <source>Cache</source>
            <translation>Cache</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="109" />
            <source>Size limit:</source>
            <translation>Limite de tamanho:</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="110" />
            <source>In use:</source>
            <translation>Em uso:</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="111" />
            <source>Application</source>
            <translation>Aplicativo</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="113" />
            <source>Language:</source>
            <translation>Idioma:</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="114" />
            <source>When the queue finishes:</source>
            <translation>Quando a fila terminar:</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="137" />
            <source>Court filing limit:</source>
            <translation>Limite para peticionamento:</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="115" />
            <source>Language changes apply the next time Scriba starts.</source>
            <translation>Mudanças de idioma valem a partir da próxima vez que o Scriba abrir.</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="172" />
            <source>Choose at least one OCR language.</source>
            <translation>Escolha pelo menos um idioma de OCR.</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="191" />
            <source>The cache is not available.</source>
            <translation>O cache não está disponível.</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="228" />
            <source>Clearing the cache…</source>
            <translation>Limpando o cache…</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="235" />
            <source>The cache could not be cleared.</source>
            <translation>Não foi possível limpar o cache.</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="237" />
            <source>Cleared.</source>
            <translation>Limpo.</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="207" />
            <source>Delete all cached text? Documents will be read again when opened.</source>
            <translation>Apagar todo o texto em cache? Os documentos serão lidos de novo quando abertos.</translation>
        </message>
        <message>
            <location filename="../../app/gui/settings_dialog.py" line="71" />
            <source>Straighten crooked pages</source>
            <translation>Endireitar páginas tortas</translation>
        </message>
        <message numerus="yes">
            <source> process(es)</source>
            <translation>
                <numerusform> processo</numerusform>
                <numerusform> processos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln document(s)</source>
            <translation>
                <numerusform>%Ln documento</numerusform>
                <numerusform>%Ln documentos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln page(s)</source>
            <translation>
                <numerusform>%Ln página</numerusform>
                <numerusform>%Ln páginas</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Shortcuts</name>
        <message>
            <source>Find</source>
            <translation>Localizar</translation>
        </message>
        <message>
            <source>Find next</source>
            <translation>Localizar próxima</translation>
        </message>
        <message>
            <source>Find previous</source>
            <translation>Localizar anterior</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Copiar</translation>
        </message>
        <message>
            <source>Select all</source>
            <translation>Selecionar tudo</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Desfazer</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>Refazer</translation>
        </message>
        <message>
            <source>Zoom in</source>
            <translation>Ampliar</translation>
        </message>
        <message>
            <source>Zoom out</source>
            <translation>Reduzir</translation>
        </message>
        <message>
            <source>%1 (in %2)</source>
            <translation>%1 (em %2)</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Atalhos de teclado</translation>
        </message>
        <message>
            <source>Command</source>
            <translation>Comando</translation>
        </message>
        <message>
            <source>Shortcut</source>
            <translation>Atalho</translation>
        </message>
    </context>
    <context>
        <name>Texts</name>
        <message>
            <location filename="../../app/gui/texts.py" line="18" />
            <source>Queued</source>
            <translation>Na fila</translation>
        </message>
        <message>
            <location filename="../../app/gui/texts.py" line="19" />
            <source>Running</source>
            <translation>Em andamento</translation>
        </message>
        <message>
            <location filename="../../app/gui/texts.py" line="20" />
            <source>Done</source>
            <translation>Concluído</translation>
        </message>
        <message>
            <location filename="../../app/gui/texts.py" line="21" />
            <source>Failed</source>
            <translation>Falhou</translation>
        </message>
        <message>
            <location filename="../../app/gui/texts.py" line="22" />
            <source>Cancelled</source>
            <translation>Cancelado</translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/gui/texts.py" line="51" />
            <source>%n page(s)</source>
            <translation>
                <numerusform>%n página</numerusform>
                <numerusform>%n páginas</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../app/gui/texts.py" line="55" />
            <source>%n page(s) failed</source>
            <translation>
                <numerusform>%n página falhou</numerusform>
                <numerusform>%n páginas falharam</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../app/gui/texts.py" line="62" />
            <source>%1 pages/min</source>
            <translation>%1 páginas/min</translation>
        </message>
        <message>
            <location filename="../../app/gui/texts.py" line="71" />
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <location filename="../../app/gui/texts.py" line="75" />
            <source>%1 min %2 s</source>
            <translation>%1 min %2 s</translation>
        </message>
        <message>
            <location filename="../../app/gui/texts.py" line="81" />
            <source>%1 h %2 min</source>
            <translation>%1 h %2 min</translation>
        </message>
        <message numerus="yes">
            <source>%n blank page(s)</source>
            <translation>
                <numerusform>%n página em branco</numerusform>
                <numerusform>%n páginas em branco</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WindowMenus</name>
        <message>
            <location filename="../../app/gui/menus.py" line="48" />
            <source>Add &amp;folder…</source>
            <translation>Adicionar &amp;pasta…</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="51" />
            <source>Cancel &amp;all</source>
            <translation>Cancelar &amp;todos</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="53" />
            <source>&amp;Cancel selected</source>
            <translation>&amp;Cancelar selecionados</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="55" />
            <source>&amp;Remove from list</source>
            <translation>&amp;Remover da lista</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="62" />
            <source>&amp;Settings…</source>
            <translation>C&amp;onfigurações…</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="67" />
            <source>&amp;Export</source>
            <translation>&amp;Exportar</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="79" />
            <source>&amp;Quit</source>
            <translation>&amp;Sair</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="81" />
            <source>&amp;File</source>
            <translation>&amp;Arquivo</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="87" />
            <source>&amp;Documents</source>
            <translation>&amp;Documentos</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="90" />
            <source>&amp;Tools</source>
            <translation>&amp;Ferramentas</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="92" />
            <source>&amp;Help</source>
            <translation>Aj&amp;uda</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="93" />
            <source>&amp;About Scriba</source>
            <translation>&amp;Sobre o Scriba</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="95" />
            <source>Main</source>
            <translation>Principal</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="103" />
            <source>Export</source>
            <translation>Exportar</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="106" />
            <source>Export the selected documents</source>
            <translation>Exportar os documentos selecionados</translation>
        </message>
        <message>
            <location filename="../../app/gui/menus.py" line="42" />
            <source>&amp;Add files…</source>
            <translation>&amp;Adicionar arquivos…</translation>
        </message>
        <message>
            <source>&amp;User guide</source>
            <translation>&amp;Guia do usuário</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>Atal&amp;hos de teclado</translation>
        </message>
        <message>
            <source>Re&amp;try</source>
            <translation>Tentar &amp;novamente</translation>
        </message>
        <message>
            <source>C&amp;lear finished documents</source>
            <translation>&amp;Limpar documentos concluídos</translation>
        </message>
    </context>
    <context>
        <name>PageView</name>
        <message>
            <source>Page image</source>
            <translation>Imagem da página</translation>
        </message>
        <message>
            <source>Click a word to select it in the text; drag to move the page; Ctrl+wheel zooms.</source>
            <translation>Clique numa palavra para selecioná-la no texto; arraste para mover a página; Ctrl+roda do mouse altera o zoom.</translation>
        </message>
        <message>
            <source>Loading page image…</source>
            <translation>Carregando a imagem da página…</translation>
        </message>
        <message>
            <source>The page image is not available.</source>
            <translation>A imagem da página não está disponível.</translation>
        </message>
    </context>
    <context>
        <name>ZoomBar</name>
        <message>
            <source>Page zoom</source>
            <translation>Zoom da página</translation>
        </message>
        <message>
            <source>Zoom out</source>
            <translation>Diminuir zoom</translation>
        </message>
        <message>
            <source>Zoom</source>
            <translation>Zoom</translation>
        </message>
        <message>
            <source>Zoom in</source>
            <translation>Aumentar zoom</translation>
        </message>
        <message>
            <source>Fit width</source>
            <translation>Ajustar à largura</translation>
        </message>
        <message>
            <source>Fit page</source>
            <translation>Ajustar à página</translation>
        </message>
        <message>
            <source>Actual size</source>
            <translation>Tamanho real</translation>
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
    <context>
        <name>LanguageNames</name>
        <message>
            <source>Afrikaans</source>
            <translation>Africâner</translation>
        </message>
        <message>
            <source>Arabic</source>
            <translation>Árabe</translation>
        </message>
        <message>
            <source>Bulgarian</source>
            <translation>Búlgaro</translation>
        </message>
        <message>
            <source>Catalan</source>
            <translation>Catalão</translation>
        </message>
        <message>
            <source>Czech</source>
            <translation>Tcheco</translation>
        </message>
        <message>
            <source>Chinese (Simplified)</source>
            <translation>Chinês (simplificado)</translation>
        </message>
        <message>
            <source>Chinese (Traditional)</source>
            <translation>Chinês (tradicional)</translation>
        </message>
        <message>
            <source>Danish</source>
            <translation>Dinamarquês</translation>
        </message>
        <message>
            <source>German</source>
            <translation>Alemão</translation>
        </message>
        <message>
            <source>Greek</source>
            <translation>Grego</translation>
        </message>
        <message>
            <source>English</source>
            <translation>Inglês</translation>
        </message>
        <message>
            <source>Estonian</source>
            <translation>Estoniano</translation>
        </message>
        <message>
            <source>Basque</source>
            <translation>Basco</translation>
        </message>
        <message>
            <source>Finnish</source>
            <translation>Finlandês</translation>
        </message>
        <message>
            <source>French</source>
            <translation>Francês</translation>
        </message>
        <message>
            <source>Galician</source>
            <translation>Galego</translation>
        </message>
        <message>
            <source>Hebrew</source>
            <translation>Hebraico</translation>
        </message>
        <message>
            <source>Hindi</source>
            <translation>Híndi</translation>
        </message>
        <message>
            <source>Croatian</source>
            <translation>Croata</translation>
        </message>
        <message>
            <source>Hungarian</source>
            <translation>Húngaro</translation>
        </message>
        <message>
            <source>Indonesian</source>
            <translation>Indonésio</translation>
        </message>
        <message>
            <source>Italian</source>
            <translation>Italiano</translation>
        </message>
        <message>
            <source>Japanese</source>
            <translation>Japonês</translation>
        </message>
        <message>
            <source>Korean</source>
            <translation>Coreano</translation>
        </message>
        <message>
            <source>Latin</source>
            <translation>Latim</translation>
        </message>
        <message>
            <source>Latvian</source>
            <translation>Letão</translation>
        </message>
        <message>
            <source>Lithuanian</source>
            <translation>Lituano</translation>
        </message>
        <message>
            <source>Dutch</source>
            <translation>Holandês</translation>
        </message>
        <message>
            <source>Norwegian</source>
            <translation>Norueguês</translation>
        </message>
        <message>
            <source>Polish</source>
            <translation>Polonês</translation>
        </message>
        <message>
            <source>Portuguese</source>
            <translation>Português</translation>
        </message>
        <message>
            <source>Romanian</source>
            <translation>Romeno</translation>
        </message>
        <message>
            <source>Russian</source>
            <translation>Russo</translation>
        </message>
        <message>
            <source>Slovak</source>
            <translation>Eslovaco</translation>
        </message>
        <message>
            <source>Slovenian</source>
            <translation>Esloveno</translation>
        </message>
        <message>
            <source>Spanish</source>
            <translation>Espanhol</translation>
        </message>
        <message>
            <source>Serbian</source>
            <translation>Sérvio</translation>
        </message>
        <message>
            <source>Swedish</source>
            <translation>Sueco</translation>
        </message>
        <message>
            <source>Turkish</source>
            <translation>Turco</translation>
        </message>
        <message>
            <source>Ukrainian</source>
            <translation>Ucraniano</translation>
        </message>
        <message>
            <source>Vietnamese</source>
            <translation>Vietnamita</translation>
        </message>
        <message>
            <source>Portuguese (Brazil)</source>
            <translation>Português (Brasil)</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>&amp;Look in:</source>
            <translation>&amp;Procurar em:</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>Arquivos do &amp;tipo:</translation>
        </message>
    </context>
</TS>
