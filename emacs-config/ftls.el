;;; ftls.el --- Free-threading (PEP 703) checks for CPython C extensions via ftls -*- lexical-binding: t -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, tools, c
;; URL: https://github.com/ftls/ftls

;; This file is not part of GNU Emacs.

;;; Commentary:

;; Registers the ftls language server with eglot and with lsp-mode for
;; C and C++ buffers (c-mode, c++-mode, c-ts-mode, c++-ts-mode).  Each
;; registration happens only once its package is loaded, so an eglot user
;; gets only the eglot entry and an lsp-mode user only the lsp-mode client.
;;
;;   (add-to-list 'load-path "/path/to/ftls/emacs-config")
;;   (require 'ftls)
;;   (setq ftls-server-command '("/path/to/ftls/ftls" "serve"))
;;   (setq ftls-settings '(:target "3.14t" :ignore ["FT2"]))
;;   (add-hook 'c-mode-hook #'eglot-ensure)      ; or #'lsp-deferred
;;
;; `ftls-settings' is passed through unchanged as the settings object
;; `ftls' (see the Configuration section of the ftls README): as
;; initializationOptions, as the section "ftls" of workspace/configuration
;; and in workspace/didChangeConfiguration.  Eglot: a project's
;; `.dir-locals.el' may set `eglot-workspace-configuration' to a plist with
;; an `:ftls' section, which then replaces `ftls-settings' for that
;; project.  After changing `ftls-settings' in a running session, call
;; `ftls-send-settings' (or restart the server).

;;; Code:

(require 'cl-lib)

(declare-function lsp-register-client "lsp-mode")
(declare-function make-lsp-client "lsp-mode")
(declare-function lsp-stdio-connection "lsp-mode")
(declare-function lsp-register-custom-settings "lsp-mode")
(declare-function lsp-configuration-section "lsp-mode")
(declare-function lsp--set-configuration "lsp-mode")
(declare-function lsp-find-workspace "lsp-mode")
(declare-function eglot-current-server "eglot")
(declare-function eglot-code-actions "eglot")
(declare-function lsp-execute-code-action-by-kind "lsp-mode")
(declare-function eglot--TextDocumentIdentifier "eglot")
(declare-function jsonrpc-request "jsonrpc")
(declare-function lsp-request "lsp-mode")
(declare-function lsp--text-document-identifier "lsp-mode")
(declare-function eglot-signal-didChangeConfiguration "eglot")
(defvar lsp-language-id-configuration)
(defvar lsp--cur-workspace)
(defvar lsp--buffer-workspaces)
(defvar eglot-server-programs)

(defgroup ftls nil
  "Free-threading checks for CPython C extensions (the ftls language server)."
  :group 'tools
  :prefix "ftls-")

(defcustom ftls-server-command '("ftls" "serve")
  "The command that starts the ftls language server over stdio, as a list.
For example (\"/path/to/ftls/ftls\" \"serve\") for the launcher in a
checkout, which also holds the JVM settings that start the server quickly,
or (\"java\" \"-jar\" \"/path/to/ftls.jar\" \"serve\") with the JVM's defaults."
  :type '(repeat string))

(defconst ftls-setting-keys
  '(:target :select :ignore :severity :includePaths :defines :compileCommands
            :python :minimumPython :suppressionFixes)
  "The keys of the ftls settings object (see `ftls-settings').")

(defcustom ftls-settings nil
  "The ftls settings object, as a plist with the server's own key names.
Keys: :target (a string such as \"3.14t\"), :select and :ignore (rule ids
or prefixes), :severity (a plist such as (:FT101 \"error\")), :includePaths,
:defines (a list of \"NAME\" / \"NAME=VALUE\" strings, or a plist),
:compileCommands (a path), :python (a path or \"none\"), :minimumPython
\(the oldest Python the project supports, such as \"3.9\": fixes that
bring in a newer C API keep the old code behind #if PY_VERSION_HEX >= ...;
left out, it comes from requires-python in pyproject.toml) and
:suppressionFixes (t offers a quick fix \"Ignore FTnnn on this line\" that
writes the suppression comment with a TODO reason to fill in; off by
default, since a one-click silence makes it easy to hide a real race).
Lists and vectors become JSON arrays, plists become JSON objects, t is
true and :json-false is false; nil sends {}, so the server uses its
defaults."
  :type '(plist :key-type (choice (const :target) (const :select) (const :ignore)
                                  (const :severity) (const :includePaths)
                                  (const :defines) (const :compileCommands)
                                  (const :python) (const :minimumPython)
                                  (const :suppressionFixes) symbol)
                :value-type sexp))

(defconst ftls-major-modes '(c-mode c++-mode c-ts-mode c++-ts-mode)
  "Major modes whose buffers ftls checks.")

(defun ftls--json (value)
  "VALUE as the JSON value the server expects.
A list that starts with a keyword is an object (a hash table), any other
list or vector is an array (a vector); atoms stay as they are."
  (cond ((and (consp value) (keywordp (car value)))
         (let ((object (make-hash-table :test #'equal)))
           (cl-loop for (key val) on value by #'cddr
                    do (puthash (substring (symbol-name key) 1) (ftls--json val) object))
           object))
        ((or (consp value) (vectorp value)) (vconcat (mapcar #'ftls--json value)))
        (t value)))

(defun ftls-settings-object ()
  "`ftls-settings' as the JSON object sent to the server (a hash table)."
  (if ftls-settings (ftls--json ftls-settings) (make-hash-table :test #'equal)))

(defun ftls-send-settings ()
  "Send `ftls-settings' to the ftls server of the current buffer."
  (interactive)
  (cond ((and (bound-and-true-p eglot--managed-mode) (fboundp 'eglot-current-server))
         (eglot-signal-didChangeConfiguration (eglot-current-server)))
        ((and (bound-and-true-p lsp-mode) (fboundp 'lsp-find-workspace)
              (lsp-find-workspace 'ftls (buffer-file-name)))
         (ftls--lsp-send-settings (lsp-find-workspace 'ftls (buffer-file-name))))
        (t (user-error "No ftls server manages this buffer"))))

;;;; Show Settings

(defun ftls--show-settings-report ()
  "The server's ftls.showSettings report for the current buffer (a string)."
  (let ((command "ftls.showSettings"))
    (cond ((and (bound-and-true-p eglot--managed-mode) (fboundp 'eglot-current-server))
           (jsonrpc-request (eglot-current-server) :workspace/executeCommand
                            (list :command command
                                  :arguments (vector (eglot--TextDocumentIdentifier)))))
          ((and (bound-and-true-p lsp-mode) (fboundp 'lsp-find-workspace)
                (lsp-find-workspace 'ftls (buffer-file-name)))
           (let* ((workspace (lsp-find-workspace 'ftls (buffer-file-name)))
                  (lsp--cur-workspace workspace)       ; only ftls, not a clangd next to it
                  (lsp--buffer-workspaces (list workspace)))
             (lsp-request "workspace/executeCommand"
                          (list :command command
                                :arguments (vector (lsp--text-document-identifier))))))
          (t (user-error "No ftls server manages this buffer")))))

(defun ftls-show-settings ()
  "Show what ftls analyzes the current buffer with, in the buffer *ftls settings*.
The compile settings and where each came from, the file each #include finds, the
target, the rules that run and whether the file is excluded.  Returns the text."
  (interactive)
  (let ((report (ftls--show-settings-report)))
    (unless (stringp report)
      (error "ftls: the server sent no settings report: %S" report))
    (with-current-buffer (get-buffer-create "*ftls settings*")
      (let ((inhibit-read-only t))
        (erase-buffer)
        (insert report))
      (goto-char (point-min))
      (special-mode))
    (when (called-interactively-p 'interactive)
      (display-buffer "*ftls settings*"))
    report))

;;;; Quick fixes

(defun ftls-quickfix (beg end)
  "Apply a quick fix of the findings between BEG and END.
Interactively: the region when it is active, else the current line, so the
point may be anywhere on a finding's line.  With one fix it is applied; with
several you pick one.  Works with eglot and lsp-mode.  (eglot 1.9, which
Debian ships, defines `eglot-code-action-quickfix' so that it only fetches the
actions and never applies one; this command asks eglot to apply it.)"
  (interactive (if (use-region-p)
                   (list (region-beginning) (region-end))
                 (list (line-beginning-position) (line-end-position))))
  (cond ((and (bound-and-true-p eglot--managed-mode) (fboundp 'eglot-code-actions))
         (eglot-code-actions beg end "quickfix" t))
        ((bound-and-true-p lsp-mode)
         (save-excursion
           (goto-char beg)
           (lsp-execute-code-action-by-kind "quickfix")))
        (t (user-error "No ftls server manages this buffer"))))

;;;; eglot

(defvar ftls--eglot-other-configuration nil
  "The default of `eglot-workspace-configuration' before ftls.el replaced it.")

(defun ftls-eglot-workspace-configuration (&optional server)
  "The default value of `eglot-workspace-configuration' that ftls.el installs.
Section :ftls is `ftls-settings'; the sections of the previous default
\(`ftls--eglot-other-configuration') follow.  SERVER is the eglot server."
  (let ((other (if (functionp ftls--eglot-other-configuration)
                   (funcall ftls--eglot-other-configuration server)
                 ftls--eglot-other-configuration)))
    (when (consp (car-safe other))      ; the alist form ((SECTION . VALUE) ...)
      (setq other (cl-loop for (section . val) in other
                           collect (if (keywordp section) section (intern (format ":%s" section)))
                           collect val)))
    (cl-list* :ftls (ftls-settings-object) (cl-loop for (section val) on other by #'cddr
                                                  unless (eq section :ftls)
                                                  collect section and collect val))))

(defun ftls-eglot-contact (&optional _interactive)
  "The `eglot-server-programs' contact for ftls: `ftls-server-command'."
  (unless (and (car ftls-server-command) (executable-find (car ftls-server-command)))
    (error "ftls: cannot find the server program %S; set `ftls-server-command'"
           (car ftls-server-command)))
  (append ftls-server-command
          (list :initializationOptions (lambda (_server) (ftls-settings-object)))))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               (cons '((c-mode :language-id "c") (c-ts-mode :language-id "c")
                       (c++-mode :language-id "cpp") (c++-ts-mode :language-id "cpp"))
                     #'ftls-eglot-contact))
  (unless (eq (default-value 'eglot-workspace-configuration)
              #'ftls-eglot-workspace-configuration)
    (setq ftls--eglot-other-configuration (default-value 'eglot-workspace-configuration))
    (setq-default eglot-workspace-configuration #'ftls-eglot-workspace-configuration)))

;;;; lsp-mode


(defun ftls--lsp-send-settings (workspace)
  "Send workspace/didChangeConfiguration with `ftls-settings' to WORKSPACE."
  (let ((lsp--cur-workspace workspace))   ; what `with-lsp-workspace' does
    (lsp--set-configuration (lsp-configuration-section "ftls"))))

(defun ftls--setting (key)
  "The JSON value of KEY in `ftls-settings', or nil when it is not set."
  (let ((value (plist-get ftls-settings key)))
    (and value (ftls--json value))))

(with-eval-after-load 'lsp-mode
  (dolist (entry '((c-ts-mode . "c") (c++-ts-mode . "cpp")))
    (add-to-list 'lsp-language-id-configuration entry))
  ;; workspace/configuration section "ftls": one entry per key set in `ftls-settings'.  The
  ;; server takes that answer in place of the initializationOptions, so every key must be here.
  (lsp-register-custom-settings
   (mapcar (lambda (key)
             (list (concat "ftls." (substring (symbol-name key) 1))
                   (lambda () (ftls--setting key))))
           ftls-setting-keys))
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection (lambda () ftls-server-command))
    :major-modes ftls-major-modes
    :server-id 'ftls
    ;; A checker, not a full C language server: run next to clangd/ccls.
    :add-on? t
    ;; The server also pulls workspace/configuration section "ftls" once initialized.
    :initialization-options (lambda () (ftls-settings-object)))))

(provide 'ftls)
;;; ftls.el ends here
