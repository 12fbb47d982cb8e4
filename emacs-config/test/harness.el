;;; harness.el --- Batch checks of ftls.el with eglot or lsp-mode against the real server -*- lexical-binding: t -*-

;;; Commentary:

;; Run by run.sh as `emacs --batch -l harness.el' (not -Q: Debian's site-start puts the elpa
;; packages on the load path).  Prints `PASS name' / `FAIL name: why', one line per check, and
;; exits 1 when a check failed.  The environment says what to do:
;;   FTLS_TEST_CLIENT   eglot or lsp-mode
;;   FTLS_TEST_CASE     session: diagnostics, hover, code action, the next diagnostics, shutdown;
;;                      settings: ftls-settings (ignore FT101) reach the server, and a change
;;                      sent with `ftls-send-settings' reaches it too
;;                      suppress-on / suppress-off: with and without :suppressionFixes t,
;;                      FT101 offers the "Ignore FT101 on this line" quick fix or not; applied,
;;                      it writes the comment and FT101 goes away
;;                      hold: start the server, print READY <pid>, then wait to be killed
;;   FTLS_TEST_FILE     the C file to open (a copy of test-workspaces/demo/spam.c)
;;   FTLS_TEST_CMD      the server command (words separated by spaces)
;;   FTLS_TEST_OUT      the file to append the PASS/FAIL/READY lines to (default: stdout)
;;   FTLS_TEST_TIMEOUT_S  how long to wait for the server at each step (default 60)

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defvar ftls-test--client (intern (or (getenv "FTLS_TEST_CLIENT") "eglot")))
(defvar ftls-test--case (or (getenv "FTLS_TEST_CASE") "session"))
(defvar ftls-test--timeout (string-to-number (or (getenv "FTLS_TEST_TIMEOUT_S") "60")))
(defvar ftls-test--failures 0)
(setq print-escape-newlines t)          ; one line per check, also for %S of a text
(defvar ftls-test--server-process nil "The server's process object, once it started.")

(defvar ftls-test--out-file (getenv "FTLS_TEST_OUT"))

(defun ftls-test--out (format-string &rest args)
  "Print a line, to FTLS_TEST_OUT when set: batch stdout is buffered and shared with the
clients' own messages, and a file gets each line at once and on a line of its own."
  (let ((line (concat (apply #'format format-string args) "\n")))
    (if ftls-test--out-file
        (write-region line nil ftls-test--out-file 'append 'silent)
      (princ line))))

(defvar ftls-test--prefix (format "%s %s: " ftls-test--client ftls-test--case)
  "What each check's name starts with, so that run.sh's lines say which client and case.")

(defun ftls-test--pass (name) (ftls-test--out "PASS %s%s" ftls-test--prefix name) t)

(defun ftls-test--fail (name format-string &rest args)
  (cl-incf ftls-test--failures)
  (ftls-test--out "FAIL %s%s: %s" ftls-test--prefix name (apply #'format format-string args))
  nil)

(define-error 'ftls-test-abort "Check failed, stopping")

(defun ftls-test--check (name ok format-string &rest args)
  "PASS NAME when OK, else FAIL NAME with the message and stop the case."
  (if ok (ftls-test--pass name)
    (apply #'ftls-test--fail name format-string args)
    (signal 'ftls-test-abort nil)))

;;;; The user's configuration, as emacs-config/README.md shows it.

(setq user-emacs-directory (file-name-as-directory (make-temp-file "ftls-emacs-d" t))
      make-backup-files nil
      auto-save-default nil)

(load (expand-file-name "../ftls.el" (file-name-directory load-file-name)) nil t)

(ftls-test--check "loading ftls.el loads neither eglot nor lsp-mode"
                  (not (or (featurep 'eglot) (featurep 'lsp-mode)))
                  "loaded: %S" (cl-remove-if-not #'featurep '(eglot lsp-mode)))

(when-let ((cmd (getenv "FTLS_TEST_CMD")))
  (setq ftls-server-command (split-string cmd " " t)))

(pcase ftls-test--client
  ('eglot
   (require 'eglot)
   (add-hook 'c-mode-hook #'eglot-ensure))
  ('lsp-mode
   (package-activate-all)              ; --batch implies -q: no package autoloads otherwise
   (require 'lsp-mode)
   (setq lsp-auto-guess-root t          ; no "import project root?" prompt
         lsp-diagnostics-provider :flymake
         lsp-enable-snippet nil
         lsp-session-file (expand-file-name "lsp-session" user-emacs-directory))
   ;; c-mode's own flymake backends run `make' and there is no Makefile here.
   (with-eval-after-load 'flymake-proc
     (remove-hook 'flymake-diagnostic-functions #'flymake-proc-legacy-flymake))
   (add-hook 'c-mode-hook (lambda () (remove-hook 'flymake-diagnostic-functions 'flymake-cc t)))
   (add-hook 'c-mode-hook #'lsp-deferred))
  (_ (error "Unknown FTLS_TEST_CLIENT %s" ftls-test--client)))

(pcase ftls-test--case
  ("settings" (setq ftls-settings '(:ignore ["FT101"] :severity (:FT001 "error") :target "3.14t")))
  ;; :target too, so that the settings the server pulls (workspace/configuration) are not empty
  ;; and replace the initializationOptions: both must carry :suppressionFixes.
  ("suppress-on" (setq ftls-settings '(:target "3.14t" :suppressionFixes t)))
  ("suppress-off" (setq ftls-settings '(:target "3.14t"))))

;;;; What batch mode leaves out

(defvar ftls-test--hook-error nil "The last error of `post-command-hook'.")

(defun ftls-test--settle ()
  "Do what an interactive Emacs does between commands.
Batch mode never runs `post-command-hook' (eglot-ensure, lsp-deferred and flymake wait for
it) and never goes idle (eglot sends didChange and flymake checks from idle timers)."
  (condition-case err (run-hooks 'post-command-hook)
    ;; An interactive Emacs reports these and goes on; so does the harness.
    (error (setq ftls-test--hook-error err)
           (message "Error in post-command-hook: %S" err)))
  (dolist (timer (copy-sequence timer-idle-list))
    (when (memq timer timer-idle-list)   ; an earlier one may have cancelled it
      (timer-event-handler timer))))

(defun ftls-test--wait (predicate &optional seconds)
  "Wait until PREDICATE returns non-nil or SECONDS pass; return its value."
  (let ((deadline (+ (float-time) (or seconds ftls-test--timeout)))
        value)
    (while (and (not (setq value (funcall predicate)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05)
      (ftls-test--settle))
    value))

(defun ftls-test--quiet (seconds)
  "Wait until the diagnostics have not changed for SECONDS (at most the timeout)."
  (let ((last (ftls-test--diagnostics))
        (since (float-time)))
    (ftls-test--wait (lambda ()
                       (let ((now (ftls-test--diagnostics)))
                         (unless (equal now last) (setq last now since (float-time)))
                         (> (- (float-time) since) seconds))))))

;;;; The two clients behind one interface

(defun ftls-test--connected ()
  "The server of the current buffer once it is initialized, else nil."
  (pcase ftls-test--client
    ('eglot (and (bound-and-true-p eglot--managed-mode) (eglot-current-server)))
    ('lsp-mode (and (bound-and-true-p lsp-mode)
                    (cl-find-if (lambda (w) (and (eq (lsp--client-server-id (lsp--workspace-client w)) 'ftls)
                                                 (eq (lsp--workspace-status w) 'initialized)))
                                (lsp-workspaces))))))

(defun ftls-test--process (server)
  (pcase ftls-test--client
    ('eglot (jsonrpc--process server))
    ('lsp-mode (lsp--workspace-proc server))))

(defun ftls-test--lsp-diagnostics ()
  "The LSP diagnostics the client keeps for the current buffer, as (LINE CODE SOURCE MESSAGE)."
  (pcase ftls-test--client
    ('eglot (cl-loop for d in (flymake-diagnostics)
                     for lsp = (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))
                     when lsp
                     collect (list (1+ (plist-get (plist-get (plist-get lsp :range) :start) :line))
                                   (plist-get lsp :code) (plist-get lsp :source)
                                   (plist-get lsp :message))))
    ('lsp-mode (cl-loop for d in (append (gethash (lsp--fix-path-casing buffer-file-name)
                                                  (lsp-diagnostics t))
                                         nil)
                        collect (list (1+ (lsp:position-line (lsp:range-start (lsp:diagnostic-range d))))
                                      (lsp:diagnostic-code? d) (lsp:diagnostic-source? d)
                                      (lsp:diagnostic-message d))))))

(defun ftls-test--diagnostics ()
  "What the user sees: flymake's diagnostics as (LINE COL CODE SOURCE TYPE), codes from the client."
  (let ((lsp (ftls-test--lsp-diagnostics)))
    (cl-loop for d in (flymake-diagnostics)
             for beg = (flymake-diagnostic-beg d)
             for line = (line-number-at-pos beg)
             for col = (save-excursion (goto-char beg) (current-column))
             for match = (cl-find-if (lambda (l)
                                       (and (= (nth 0 l) line)
                                            (string-match-p (regexp-quote (nth 3 l))
                                                            (flymake-diagnostic-text d))))
                                     lsp)
             collect (list line col (nth 1 match) (nth 2 match) (flymake-diagnostic-type d)))))

(defun ftls-test--codes (diagnostics)
  (mapcar (lambda (d) (format "%s@%s:%s/%s" (nth 2 d) (nth 0 d) (1+ (nth 1 d)) (nth 3 d)))
          diagnostics))

(defun ftls-test--has (diagnostics code)
  (cl-find code diagnostics :key #'caddr :test #'equal))

(defun ftls-test--hover-text ()
  "The hover text at point, as the server sent it."
  (let ((contents
         (pcase ftls-test--client
           ('eglot (plist-get (jsonrpc-request (eglot-current-server) :textDocument/hover
                                               (eglot--TextDocumentPositionParams))
                              :contents))
           ('lsp-mode (let ((hover (lsp-request "textDocument/hover"
                                                (lsp--text-document-position-params))))
                        (and hover (lsp:hover-contents hover)))))))
    (cond ((stringp contents) contents)
          ((and (hash-table-p contents) (gethash "value" contents)))
          ((and (consp contents) (plist-get contents :value)))
          (t (format "%S" contents)))))

(defun ftls-test--quickfixes (beg end)
  "The quickfix code actions the server offers between BEG and END, asked for as the client
does (with the diagnostics there as context)."
  (pcase ftls-test--client
    ;; eglot-code-actions, called from Lisp, sends textDocument/codeAction (jsonrpc-request)
    ;; and returns the actions instead of offering them.
    ('eglot (eglot-code-actions beg end "quickfix"))
    ('lsp-mode (cl-remove-if-not (lambda (a) (equal (lsp:code-action-kind? a) "quickfix"))
                                 (save-excursion (goto-char beg) (lsp-code-actions-at-point))))))

(defun ftls-test--title (action)
  (pcase ftls-test--client
    ('eglot (plist-get action :title))
    ('lsp-mode (lsp:code-action-title action))))

(defun ftls-test--apply-quickfix (beg end title-regexp)
  "Apply the quickfix code action between BEG and END whose title matches TITLE-REGEXP.
Returns the titles of the quickfixes offered when none matched."
  (let* ((actions (ftls-test--quickfixes beg end))
         (action (cl-find-if (lambda (a) (string-match-p title-regexp (ftls-test--title a))) actions)))
    (cond ((not action) (or (mapcar #'ftls-test--title actions) '("none")))
          ;; What each client does once the user picked the action.
          ((eq ftls-test--client 'eglot)
           (eglot--read-execute-code-action (list action) (eglot-current-server) "quickfix")
           nil)
          (t (lsp-execute-code-action action) nil))))

(defun ftls-test--shutdown (server)
  (pcase ftls-test--client
    ('eglot (eglot-shutdown server))
    ('lsp-mode (lsp-workspace-shutdown server))))

;;;; The checks

(defun ftls-test--expectations ()
  "The `// expect: FTnnn' annotations of the fixture, as ((LINE . CODE) ...)."
  (save-excursion
    (goto-char (point-min))
    (cl-loop while (re-search-forward "//\\s-*expect:\\s-*\\(FT[0-9]+\\)" nil t)
             collect (cons (line-number-at-pos) (match-string-no-properties 1)))))

(defconst ftls-test--anchors '(("FT001" . "PyInit_spam") ("FT101" . "PyList_GetItem"))
  "The name each finding of the demo fixture starts on.")

(defun ftls-test--expected-at (diagnostics expected)
  "The diagnostic of DIAGNOSTICS that matches EXPECTED (LINE . CODE) from ftls."
  (cl-find-if (lambda (d) (and (= (nth 0 d) (car expected)) (equal (nth 2 d) (cdr expected))
                               (equal (nth 3 d) "ftls")))
              diagnostics))

(defun ftls-test--start ()
  "Open the file and wait for the server; return it."
  (find-file (getenv "FTLS_TEST_FILE"))
  (ftls-test--check "buffer in c-mode" (eq major-mode 'c-mode) "major mode is %s" major-mode)
  (let ((server (ftls-test--wait #'ftls-test--connected)))
    (setq ftls-test--server-process (and server (ftls-test--process server)))
    (ftls-test--check "server starts and initializes" server
                      "no initialized ftls server after %ss (command %S)%s"
                      ftls-test--timeout ftls-server-command
                      (if ftls-test--hook-error (format ", error: %S" ftls-test--hook-error) ""))
    server))

(defun ftls-test--check-first-diagnostics (expected &optional label)
  "Wait until each of EXPECTED ((LINE . CODE) ...) and nothing else is shown.
LABEL starts the check's name."
  (let* ((name (format "%sdiagnostics %s from ftls on their lines, nothing else"
                       (or label "") (mapconcat #'cdr expected " and ")))
         (got (ftls-test--wait
               (lambda () (let ((diags (ftls-test--diagnostics)))
                            (and (cl-every (lambda (e) (ftls-test--expected-at diags e)) expected)
                                 (= (length diags) (length expected))
                                 diags)))))
         (diags (or got (ftls-test--diagnostics))))
    (ftls-test--check name got "expected %S, shown after %ss: %S"
                      expected ftls-test--timeout (ftls-test--codes diags))
    (dolist (e expected)
      (let* ((d (ftls-test--expected-at diags e))
             (anchor (cdr (assoc (cdr e) ftls-test--anchors)))
             (at (save-excursion (goto-char (point-min)) (forward-line (1- (nth 0 d)))
                                 (forward-char (nth 1 d))
                                 (buffer-substring-no-properties (point) (line-end-position)))))
        (ftls-test--check (format "%s starts on %s" (cdr e) anchor)
                          (string-prefix-p anchor at) "it starts on %S" at)))
    diags))

(defun ftls-test--session ()
  (let* ((server (ftls-test--start))
         (expected (ftls-test--expectations)))
    (ftls-test--check "the fixture has expect: annotations for FT001 and FT101"
                      (equal (sort (mapcar #'cdr expected) #'string<) '("FT001" "FT101"))
                      "annotations: %S" expected)
    (ftls-test--check-first-diagnostics expected)
    ;; Hover on PyList_GetItem.
    (goto-char (point-min))
    (search-forward "PyList_GetItem(")
    (goto-char (match-beginning 0))
    (let ((text (ftls-test--hover-text)))
      (ftls-test--check "hover on PyList_GetItem explains the borrowed reference"
                        (and (string-match-p "borrowed" text) (string-match-p "PyList_GetItemRef" text))
                        "hover text: %S" text))
    ;; M-x ftls-show-settings
    (let ((report (condition-case err (ftls-show-settings) (error (format "error: %S" err)))))
      (ftls-test--check "ftls-show-settings shows what the buffer is analyzed with"
                        (and (string-prefix-p "spam.c (C)\n" report)
                             (string-match-p "^rules that run: FT001" report)
                             (equal report (with-current-buffer "*ftls settings*" (buffer-string))))
                        "report: %S" report))
    ;; The FT001 quick fix.
    (let* ((line (car (rassoc "FT001" expected)))
           (beg (save-excursion (goto-char (point-min)) (forward-line (1- line)) (point)))
           (end (save-excursion (goto-char beg) (line-end-position)))
           (offered nil))
      ;; M-x ftls-quickfix with the point at the start of the line, as a user would (eglot 1.9's
      ;; own eglot-code-action-quickfix fetches the actions and applies none); a choice among
      ;; several is answered with the GIL declaration
      (goto-char beg)
      (cl-letf (((symbol-function 'completing-read)
                 (lambda (_prompt collection &rest _)
                   (let ((titles (mapcar (lambda (c) (if (consp c) (car c) c))
                                         (if (functionp collection) (funcall collection "" nil t) collection))))
                     (setq offered titles)
                     (or (cl-find-if (lambda (title) (string-match-p "GIL" title)) titles) (car titles))))))
        (condition-case err
            (call-interactively #'ftls-quickfix)
          (error (setq offered (list (format "error: %S" err))))))
      (ftls-test--check "M-x ftls-quickfix at the start of the FT001 line applies its fix"
                        (string-match-p "PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED)"
                                        (buffer-substring-no-properties (point-min) (point-max)))
                        "quickfixes offered on line %d: %S" line offered)
      (let ((text (buffer-substring-no-properties (point-min) (point-max))))
        (ftls-test--check "the buffer now has the PyUnstable_Module_SetGIL block"
                          (string-match-p (concat "#ifdef Py_GIL_DISABLED\n.*PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);\n"
                                                  "[ \t]*#endif")
                                          text)
                          "the module's init function reads %S"
                          (and (string-match "^PyInit_spam[^}]*}" text) (match-string 0 text)))))
    (let* ((after (ftls-test--wait
                   (lambda () (let ((diags (ftls-test--diagnostics)))
                                (and (not (ftls-test--has diags "FT001"))
                                     (ftls-test--has diags "FT101")
                                     diags))))))
      (ftls-test--check "after the fix FT001 is gone and FT101 stays" after
                        "shown after %ss: %S" ftls-test--timeout
                        (ftls-test--codes (ftls-test--diagnostics))))
    (ftls-test--check-shutdown server)))

(defun ftls-test--check-shutdown (server)
  (let ((process (ftls-test--process server))
        (pid (process-id (ftls-test--process server))))
    (ftls-test--shutdown server)
    (ftls-test--check "shutting down ends the server process"
                      (ftls-test--wait (lambda () (and (not (process-live-p process))
                                                       (not (file-exists-p (format "/proc/%d" pid)))))
                                       10)
                      "pid %d still there 10 s after shutdown (status %s)" pid (process-status process))))

(defun ftls-test--settings ()
  (let ((server (ftls-test--start)))
    ;; ftls-settings ignores FT101 from the start.
    (ftls-test--check-first-diagnostics
     (cl-remove "FT101" (ftls-test--expectations) :key #'cdr :test #'equal)
     "with ignore FT101: ")
    (let ((type (nth 4 (ftls-test--has (ftls-test--diagnostics) "FT001"))))
      (ftls-test--check "with severity FT001 error: FT001 is an error" (memq type '(:error eglot-error))
                        "its flymake type is %S" type))
    ;; A change in a running session: ignore nothing, and FT101 comes back. Made once the
    ;; diagnostics have stood still for 2 s, as a user would: the server (as of this writing)
    ;; can publish an analysis begun under the previous settings after the new one.
    (ftls-test--quiet 2)
    (setq ftls-settings '(:target "3.14t"))
    (ftls-send-settings)
    (let ((diags (ftls-test--wait (lambda () (let ((diags (ftls-test--diagnostics)))
                                                 (and (ftls-test--has diags "FT101") diags))))))
      (ftls-test--check "ftls-send-settings: without the ignore FT101 comes back" diags
                        "shown after %ss: %S" ftls-test--timeout
                        (ftls-test--codes (ftls-test--diagnostics))))
    (ftls-test--check-shutdown server)))

(defconst ftls-test--ignore-title "Ignore FT101 on this line"
  "How the suppression quick fix for the demo's FT101 starts.")

(defun ftls-test--suppress (on)
  "With ON, `ftls-settings' has :suppressionFixes t (see above): FT101 must offer the
suppression quick fix, whose edit writes the comment and silences FT101.  Without, FT101 must
offer its own fix and no suppression."
  (let* ((server (ftls-test--start))
         (line (car (rassoc "FT101" (ftls-test--expectations))))
         (beg (save-excursion (goto-char (point-min)) (forward-line (1- line)) (point)))
         (end (save-excursion (goto-char beg) (line-end-position)))
         (name (if on (format "with :suppressionFixes t, FT101 offers \"%s\"" ftls-test--ignore-title)
                 (format "without :suppressionFixes, FT101 offers its fix but no \"%s\"" ftls-test--ignore-title))))
    (ftls-test--check (format "FT101 on line %d" line)
                      (ftls-test--wait (lambda () (ftls-test--has (ftls-test--diagnostics) "FT101")))
                      "shown after %ss: %S" ftls-test--timeout (ftls-test--codes (ftls-test--diagnostics)))
    (let* ((titles (mapcar #'ftls-test--title (ftls-test--quickfixes beg end)))
           (ignore (cl-find-if (lambda (title) (string-prefix-p ftls-test--ignore-title title)) titles)))
      (ftls-test--check name (if on ignore
                               (and (cl-find-if (lambda (title) (string-match-p "PyList_GetItemRef" title)) titles)
                                    (not ignore)))
                        "quickfixes offered on line %d: %S" line titles))
    (when on
      (let ((offered (ftls-test--apply-quickfix beg end (concat "^" (regexp-quote ftls-test--ignore-title)))))
        (ftls-test--check "the suppression quick fix is applied" (null offered) "offered: %S" offered))
      (let ((above (save-excursion (goto-char (point-min)) (search-forward "PyList_GetItem(")
                                   (forward-line -1)
                                   (buffer-substring-no-properties (point) (line-end-position)))))
        (ftls-test--check "the line above PyList_GetItem is the suppression comment"
                          (equal above "    // ftls: ignore[FT101] TODO: say why this is safe")
                          "it reads %S" above))
      (ftls-test--check "then FT101 is gone and FT001 stays"
                        (ftls-test--wait (lambda () (let ((diags (ftls-test--diagnostics)))
                                                      (and (not (ftls-test--has diags "FT101"))
                                                           (ftls-test--has diags "FT001")))))
                        "shown after %ss: %S" ftls-test--timeout (ftls-test--codes (ftls-test--diagnostics))))
    (ftls-test--check-shutdown server)))

(defun ftls-test--hold ()
  (let ((server (ftls-test--start)))
    (ftls-test--out "READY %d" (process-id (ftls-test--process server)))
    (while t (accept-process-output nil 1))))

(condition-case err
    (pcase ftls-test--case
      ("session" (ftls-test--session))
      ("settings" (ftls-test--settings))
      ("suppress-on" (ftls-test--suppress t))
      ("suppress-off" (ftls-test--suppress nil))
      ("hold" (ftls-test--hold))
      (_ (ftls-test--fail "case" "unknown FTLS_TEST_CASE %s" ftls-test--case)))
  (ftls-test-abort nil)
  (error (ftls-test--fail "no error" "%S" err)))

;; Whatever still runs (a failed case) is stopped here, without a restart, so that no server
;; outlives Emacs.
(when (process-live-p ftls-test--server-process)
  (setq eglot-autoreconnect nil lsp-restart 'ignore)
  (delete-process ftls-test--server-process))
(kill-emacs (if (zerop ftls-test--failures) 0 1))

;;; harness.el ends here
