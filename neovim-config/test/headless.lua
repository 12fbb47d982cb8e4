-- Checks run inside `nvim --headless` (see run.sh). Prints `PASS name` / `FAIL name: why`,
-- one line per check, and exits non-zero when any check failed.
-- FTLS_TEST_CASE picks what to do: session (the full editing session), hold (start the
-- server, print READY <pid>, then wait to be killed), quit (the same, then :qall!),
-- settings (init.lua's settings reach the server), configs (load the 0.11 and lspconfig tables),
-- suppress_on / suppress_off (the "Ignore FT101" code action with and without suppressionFixes).
local M = {}

local failures = 0
local starts = {} -- one entry per client start attempted by require('ftls'): { id = .., exit = .. }

local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local function pass(name)
  out('PASS ' .. name)
end

local function fail(name, why)
  failures = failures + 1
  out(('FAIL %s: %s'):format(name, why))
end

-- Stop what is still running and exit; `as_user` leaves the servers to Neovim's own exit path.
local function finish(as_user)
  if as_user and failures == 0 then
    return vim.cmd('qall!')
  end
  for _, s in ipairs(starts) do
    if s.id and vim.lsp.get_client_by_id(s.id) then
      vim.lsp.stop_client(s.id, true) -- force: 0.7 leaves an uninitialized server running on :cquit
    end
  end
  vim.wait(2000, function()
    for _, s in ipairs(starts) do
      if s.id and not s.exit then
        return false
      end
    end
    return true
  end, 50)
  vim.cmd(failures == 0 and 'qall!' or 'cquit 1')
end

-- Record every client that require('ftls') starts, and how its server exits.
function M.install()
  local function wrap(config)
    local entry = {}
    table.insert(starts, entry)
    local on_exit = config.on_exit
    config.on_exit = function(code, signal, id)
      entry.exit = { code = code, signal = signal }
      if on_exit then
        on_exit(code, signal, id)
      end
    end
    return entry
  end
  local start_client = vim.lsp.start_client
  vim.lsp.start_client = function(config)
    local entry = wrap(config)
    entry.id = start_client(config)
    return entry.id
  end
end

local timeout = tonumber(os.getenv('FTLS_TEST_TIMEOUT_MS') or '60000')

-- The single client require('ftls') started for the current buffer, once it is initialized.
local function started_client(name)
  if not vim.wait(timeout, function()
    return #starts > 0 and (starts[1].id == nil or starts[1].exit
      or vim.lsp.get_active_clients()[1] ~= nil)
  end, 50) then
    fail(name, #starts == 0 and 'require("ftls") never started a client for the buffer'
      or ('the server did not answer initialize within %d ms'):format(timeout))
    return nil
  end
  if not starts[1].id then
    fail(name, 'the server could not be started (see the LSP log)')
    return nil
  end
  local client = vim.lsp.get_client_by_id(starts[1].id)
  if not client or starts[1].exit then
    fail(name, ('the server exited during start-up: %s'):format(vim.inspect(starts[1].exit)))
    return nil
  end
  return client
end

local function ftls_diagnostics(bufnr)
  return vim.tbl_filter(function(d)
    return d.source == 'ftls'
  end, vim.diagnostic.get(bufnr))
end

-- `// expect: FTnnn` annotations of the fixture: { { lnum = 0-based line, code = 'FTnnn' }, ... }
local function expectations(bufnr)
  local list = {}
  for i, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local code = text:match('//%s*expect:%s*(FT%d+)')
    if code then
      table.insert(list, { lnum = i - 1, code = code })
    end
  end
  return list
end

-- The first entry of `list` with the code and line of `item` (diagnostics and annotations alike).
local function matching(list, item)
  for _, x in ipairs(list) do
    if x.code == item.code and x.lnum == item.lnum then
      return x
    end
  end
end

local function describe(diags)
  return table.concat(vim.tbl_map(function(d)
    return ('%s@%d:%d'):format(tostring(d.code), d.lnum + 1, d.col + 1)
  end, diags), ', ')
end

local function find_in_buffer(bufnr, needle, from)
  for i, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, from or 0, -1, false)) do
    local col = text:find(needle, 1, true)
    if col then
      return (from or 0) + i - 1, col - 1
    end
  end
end

-- The name a finding should start on, per rule, in the demo fixture.
local anchor = { FT001 = 'PyInit_spam', FT101 = 'PyList_GetItem' }

local function check_diagnostics(bufnr)
  local name = 'diagnostics FT001 and FT101 from ftls'
  local expected = expectations(bufnr)
  if #expected == 0 then
    return fail(name, 'the fixture has no `// expect:` annotations')
  end
  local function all_there()
    local diags = ftls_diagnostics(bufnr)
    return #vim.tbl_filter(function(e)
      return matching(diags, e) == nil
    end, expected) == 0
  end
  -- The first analysis includes the JVM's warm-up; once anything arrived, the rest must follow soon.
  vim.wait(timeout, function()
    return #ftls_diagnostics(bufnr) > 0
  end, 50)
  vim.wait(5000, all_there, 50)
  local diags = ftls_diagnostics(bufnr)
  local problems = {}
  for _, e in ipairs(expected) do
    local hit = matching(diags, e)
    local word = anchor[e.code]
    local _, word_col = find_in_buffer(bufnr, word or '\0', e.lnum)
    if not hit then
      table.insert(problems, ('no %s on line %d'):format(e.code, e.lnum + 1))
    elseif word and word_col ~= hit.col then
      table.insert(problems, ('%s starts at column %d, not on %s (column %d)'):format(
        e.code, hit.col + 1, word, word_col + 1))
    end
  end
  for _, d in ipairs(diags) do
    if not matching(expected, d) then
      table.insert(problems, ('unexpected %s on line %d: %s'):format(tostring(d.code), d.lnum + 1, d.message))
    end
  end
  if #problems > 0 then
    return fail(name, table.concat(problems, '; ') .. ' (all diagnostics: ' .. describe(vim.diagnostic.get(bufnr)) .. ')')
  end
  pass(name)
end

local function check_reuse(client, ws)
  local name = 'second file in the same root reuses the client'
  local first = vim.api.nvim_get_current_buf()
  local other = ws .. '/other.c'
  vim.fn.writefile({ '#include <Python.h>', '' }, other)
  vim.cmd('edit ' .. vim.fn.fnameescape(other))
  local bufnr = vim.api.nvim_get_current_buf()
  local attached = vim.wait(5000, function()
    return vim.lsp.buf_get_clients(bufnr)[client.id] ~= nil
  end, 50)
  local count = #vim.lsp.get_active_clients()
  vim.cmd('buffer ' .. first)
  if not attached then
    return fail(name, 'other.c was not attached to the running client')
  end
  if #starts ~= 1 or count ~= 1 then
    return fail(name, ('%d clients started, %d active'):format(#starts, count))
  end
  pass(name)
end

local function check_hover(bufnr)
  local name = 'hover on PyList_GetItem'
  local line, col = find_in_buffer(bufnr, 'PyList_GetItem(')
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) },
                   position = { line = line, character = col + 3 } }
  local results, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000)
  local contents
  for _, res in pairs(results or {}) do
    if res.err then
      return fail(name, 'server error: ' .. vim.inspect(res.err))
    end
    contents = res.result and res.result.contents
  end
  if not contents then
    return fail(name, 'no hover result ' .. tostring(err or ''))
  end
  if type(contents) == 'table' and contents.kind and contents.kind ~= 'markdown' then
    return fail(name, 'hover is ' .. contents.kind .. ', not markdown')
  end
  local text = table.concat(vim.lsp.util.convert_input_to_markdown_lines(contents), '\n')
  local missing = {}
  if not text:lower():find('borrowed', 1, true) then
    table.insert(missing, '"borrowed"')
  end
  if not text:find('PyList_GetItemRef', 1, true) then
    table.insert(missing, '"PyList_GetItemRef"')
  end
  if #missing > 0 then
    return fail(name, 'hover does not mention ' .. table.concat(missing, ' and ') .. ': ' .. text)
  end
  pass(name)
end

-- The code actions the server offers for the `code` diagnostic, asked for the way
-- vim.lsp.buf.code_action() does: its range, with the line's diagnostics of that code as context.
-- Returns the list, or nil and why not.
local function code_actions(client, bufnr, code)
  local diag
  for _, d in ipairs(ftls_diagnostics(bufnr)) do
    if d.code == code then
      diag = d
    end
  end
  if not diag then
    return nil, ('no %s diagnostic to act on'):format(code)
  end
  local context_diags = vim.tbl_filter(function(d)
    return d.code == code
  end, vim.lsp.diagnostic.get_line_diagnostics(bufnr, diag.lnum, nil, client.id))
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = context_diags[1].range,
    context = { diagnostics = context_diags },
  }
  local results, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
  local res = (results or {})[client.id]
  if not res or res.err then
    return nil, 'no answer: ' .. vim.inspect(res and res.err or err)
  end
  return res.result or {}
end

-- `action` with its workspace edit, resolving it first when the server defers the edit.
local function resolved(client, bufnr, action)
  if not action.edit and type(action.command) ~= 'string' then
    local provider = client.server_capabilities and client.server_capabilities.codeActionProvider
    if type(provider) == 'table' and provider.resolveProvider then
      local answer = client.request_sync('codeAction/resolve', action, 10000, bufnr)
      return answer and answer.result or action
    end
  end
  return action
end

local function titles(actions)
  return table.concat(vim.tbl_map(function(a)
    return a.title
  end, actions), ' | ')
end

-- Ask for code actions on the FT001 line the way vim.lsp.buf.code_action() does, apply the first.
local function check_code_action(client, bufnr)
  local name = 'code action for FT001 inserts PyUnstable_Module_SetGIL'
  local actions, why = code_actions(client, bufnr, 'FT001')
  if not actions then
    return fail(name, why)
  end
  if not actions[1] then
    return fail(name, 'the server offered no code action')
  end
  local action = resolved(client, bufnr, actions[1])
  if not action.edit then
    return fail(name, 'the first action has no workspace edit: ' .. vim.inspect(action))
  end
  local before = vim.api.nvim_buf_line_count(bufnr)
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  local call_line = find_in_buffer(bufnr, 'PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED)')
  local create_line = find_in_buffer(bufnr, 'PyModule_Create(')
  local return_line = find_in_buffer(bufnr, 'return m;')
  if not call_line then
    return fail(name, ('"%s" applied, but the buffer has no PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED) (%d -> %d lines)')
      :format(action.title, before, vim.api.nvim_buf_line_count(bufnr)))
  end
  if not (create_line < call_line and call_line < return_line) then
    return fail(name, ('the call landed on line %d, not between PyModule_Create (line %d) and return m (line %d)')
      :format(call_line + 1, create_line + 1, return_line + 1))
  end
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local guarded = false
  for i = call_line, 1, -1 do -- lines[] is 1-based: lines[call_line] is the line above the call
    if lines[i]:match('^%s*#%s*endif') then
      break
    end
    guarded = guarded or lines[i]:match('^%s*#%s*if') ~= nil
  end
  if not guarded then
    return fail(name, 'the inserted call is not inside an #if/#ifdef guard')
  end
  pass(name)

  name = 'after the fix the server drops FT001 and keeps FT101'
  local cleared = vim.wait(15000, function()
    local codes = vim.tbl_map(function(d)
      return d.code
    end, ftls_diagnostics(bufnr))
    return not vim.tbl_contains(codes, 'FT001') and vim.tbl_contains(codes, 'FT101')
  end, 50)
  if not cleared then
    return fail(name, 'diagnostics after the edit: ' .. describe(ftls_diagnostics(bufnr)))
  end
  pass(name)
end

local function check_stop(client)
  local name = 'stopping the client ends the server'
  local pid = client.rpc.pid
  local entry = starts[1]
  vim.lsp.stop_client(client.id)
  local exited = vim.wait(10000, function()
    return entry.exit ~= nil
  end, 50)
  if not exited then
    return fail(name, ('server pid %d still running 10 s after shutdown/exit'):format(pid))
  end
  if entry.exit.code ~= 0 or entry.exit.signal ~= 0 then
    return fail(name, ('server exited with code %s, signal %s (want 0, 0)'):format(entry.exit.code, entry.exit.signal))
  end
  if vim.loop.kill(pid, 0) == 0 then
    return fail(name, ('server pid %d is still alive'):format(pid))
  end
  pass(name)
end

-- :FtlsShowSettings opens a scratch buffer with the server's report for the current buffer.
local function check_show_settings(bufnr)
  local name = ':FtlsShowSettings shows what the buffer is analyzed with'
  vim.api.nvim_set_current_buf(bufnr)
  vim.cmd('FtlsShowSettings')
  local report
  if not vim.wait(timeout, function()
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      local text = table.concat(vim.api.nvim_buf_get_lines(b, 0, -1, false), '\n')
      if b ~= bufnr and text:find('rules that run: ', 1, true) then
        report = text
        return true
      end
    end
    return false
  end, 50) then
    return fail(name, 'no report buffer appeared')
  end
  if not report:find('^spam%.c %(C%)') or not report:find('\ntarget: 3%.14t') then
    return fail(name, 'report: ' .. report)
  end
  vim.cmd('close')
  vim.api.nvim_set_current_buf(bufnr)
  pass(name)
end

local cases = {}

function cases.session()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = started_client('server starts and initializes')
  if not client then
    return
  end
  pass('server starts and initializes')
  check_diagnostics(bufnr)
  check_reuse(client, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h'))
  check_hover(bufnr)
  check_show_settings(bufnr)
  check_code_action(client, bufnr)
  check_stop(client)
end

-- init.lua sets ftls.ignore = { 'FT101' } for this case: the server must drop FT101, keep FT001.
function cases.settings()
  local name = 'settings reach the server (ftls.ignore = { "FT101" })'
  if not started_client(name) then
    return
  end
  local bufnr = vim.api.nvim_get_current_buf()
  local function codes()
    return vim.tbl_map(function(d)
      return d.code
    end, ftls_diagnostics(bufnr))
  end
  if not vim.wait(timeout, function()
    return vim.tbl_contains(codes(), 'FT001') and not vim.tbl_contains(codes(), 'FT101')
  end, 50) then
    return fail(name, 'diagnostics: ' .. describe(ftls_diagnostics(bufnr)))
  end
  pass(name)
end

-- init.lua sets ftls.suppressionFixes = true for suppress_on and leaves it out for suppress_off:
-- only with it does FT101 get "Ignore FT101 on this line", whose edit writes the suppression
-- comment above the line, after which the server no longer reports FT101.
local IGNORE = 'Ignore FT101 on this line'

-- Once the server has published FT101 for the current buffer: the client, the buffer and the
-- code actions offered for FT101; or nothing after a FAIL.
local function ft101_actions(name)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = started_client(name)
  if not client then
    return nil
  end
  if not vim.wait(timeout, function()
    return vim.tbl_contains(vim.tbl_map(function(d)
      return d.code
    end, ftls_diagnostics(bufnr)), 'FT101')
  end, 50) then
    return fail(name, 'no FT101: ' .. describe(ftls_diagnostics(bufnr)))
  end
  local actions, why = code_actions(client, bufnr, 'FT101')
  if not actions then
    return fail(name, why)
  end
  return client, bufnr, actions
end

function cases.suppress_off()
  local name = 'without suppressionFixes, FT101 offers its fix but no "' .. IGNORE .. '"'
  local client, _, actions = ft101_actions(name)
  if not client then
    return
  end
  if #actions == 0 then
    return fail(name, 'the server offered no code action at all (so the check would prove nothing)')
  end
  for _, a in ipairs(actions) do
    if vim.startswith(a.title, 'Ignore') then
      return fail(name, 'offered although the setting is off: ' .. titles(actions))
    end
  end
  pass(name)
end

function cases.suppress_on()
  local name = 'with suppressionFixes = true, FT101 offers "' .. IGNORE .. '"'
  local client, bufnr, actions = ft101_actions(name)
  if not client then
    return
  end
  local ignore
  for _, a in ipairs(actions) do
    if vim.startswith(a.title, IGNORE) then
      ignore = a
    end
  end
  if not ignore then
    return fail(name, 'offered: ' .. titles(actions))
  end
  pass(name)

  name = 'applying it writes the comment above the line and FT101 goes away'
  ignore = resolved(client, bufnr, ignore)
  if not ignore.edit then
    return fail(name, 'the action has no workspace edit: ' .. vim.inspect(ignore))
  end
  vim.lsp.util.apply_workspace_edit(ignore.edit, client.offset_encoding)
  local call = find_in_buffer(bufnr, 'PyList_GetItem(')
  local above = call and call > 0 and vim.api.nvim_buf_get_lines(bufnr, call - 1, call, false)[1]
  if above ~= '    // ftls: ignore[FT101] TODO: say why this is safe' then
    return fail(name, ('the line above PyList_GetItem reads %s'):format(vim.inspect(above)))
  end
  if not vim.wait(15000, function()
    local codes = vim.tbl_map(function(d)
      return d.code
    end, ftls_diagnostics(bufnr))
    return not vim.tbl_contains(codes, 'FT101') and vim.tbl_contains(codes, 'FT001')
  end, 50) then
    return fail(name, 'diagnostics after the edit: ' .. describe(ftls_diagnostics(bufnr)))
  end
  pass(name)
end

-- The server is up and has analyzed the buffer: print READY <pid>, or FAIL.
local function ready(name)
  local client = started_client(name)
  if not client then
    return false
  end
  local bufnr = vim.api.nvim_get_current_buf()
  if not vim.wait(timeout, function()
    return #ftls_diagnostics(bufnr) > 0
  end, 50) then
    fail(name, 'no ftls diagnostics')
    return false
  end
  pass(name)
  out('READY ' .. client.rpc.pid)
  return true
end

-- For run.sh's kill test: get the server going, then wait to be killed.
function cases.hold()
  if ready('server starts for the kill test') then
    vim.wait(120000, function()
      return false
    end, 200)
    fail('kill test', 'nvim was not killed within 120 s')
  end
end

-- For run.sh's quit test: get the server going, then :qall! as a user would. Its cmd is the
-- jar's path, which runs through the launcher: the server's JVM has the launcher's settings.
function cases.quit()
  if not ready('server starts for the quit test') then
    return false
  end
  local pid = vim.lsp.get_active_clients()[1].rpc.pid
  local f = io.open('/proc/' .. pid .. '/cmdline', 'rb')
  local argv = f and f:read('*a'):gsub('%z', ' ') or ''
  if f then
    f:close()
  end
  if argv:find('-XX:TieredStopAtLevel=1', 1, true) and argv:find('-jar', 1, true) then
    pass('a jar path as cmd runs through the launcher (its JVM settings)')
  else
    fail('a jar path as cmd runs through the launcher (its JVM settings)', 'server command line: ' .. argv)
  end
  return true
end

-- The 0.11 table (lsp/ftls.lua) and the lspconfig table (lspconfig/ftls.lua) load and agree
-- with what require('ftls') uses.
function cases.configs()
  local dir = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h')
  local ok, cfg = pcall(dofile, dir .. '/lsp/ftls.lua')
  local name = 'lsp/ftls.lua (Neovim 0.11 vim.lsp.config) loads'
  if not ok or type(cfg) ~= 'table' then
    fail(name, tostring(cfg))
  elseif not (vim.deep_equal(cfg.cmd, { 'ftls', 'serve' })
      and vim.deep_equal(cfg.filetypes, { 'c', 'cpp' })
      and vim.deep_equal(cfg.root_markers, { 'compile_commands.json', 'pyproject.toml', 'setup.py', '.git' })
      and type(cfg.settings) == 'table' and type(cfg.settings.ftls) == 'table'
      and vim.json.encode(cfg.settings) == '{"ftls":{}}') then
    fail(name, 'unexpected fields: ' .. vim.inspect(cfg))
  else
    pass(name)
  end

  name = 'lspconfig/ftls.lua (nvim-lspconfig configs) loads'
  local patterns
  package.loaded['lspconfig.util'] = { -- stand-in for lspconfig's util, records what it is given
    root_pattern = function(...)
      patterns = { ... }
      return function()
        return nil
      end
    end,
  }
  local ok2, lc = pcall(dofile, dir .. '/lspconfig/ftls.lua')
  local dc = ok2 and type(lc) == 'table' and lc.default_config
  if not dc then
    fail(name, tostring(lc))
  else
    local root = type(dc.root_dir) == 'function' and dc.root_dir('/some/where/spam.c')
    if not (vim.deep_equal(dc.cmd, cfg.cmd) and vim.deep_equal(dc.filetypes, cfg.filetypes)
        and vim.deep_equal(patterns, cfg.root_markers) and root == '/some/where'
        and vim.deep_equal(dc.settings, cfg.settings)) then
      fail(name, 'unexpected default_config: ' .. vim.inspect(dc) .. ' root_pattern args ' .. vim.inspect(patterns))
    else
      pass(name)
    end
  end
  package.loaded['lspconfig.util'] = nil
end

function M.run()
  local case = cases[os.getenv('FTLS_TEST_CASE') or 'session']
  local ok, as_user = pcall(case or function()
    error('unknown FTLS_TEST_CASE ' .. tostring(os.getenv('FTLS_TEST_CASE')))
  end)
  if not ok then
    fail('harness', tostring(as_user))
  end
  finish(ok and as_user)
end

return M
