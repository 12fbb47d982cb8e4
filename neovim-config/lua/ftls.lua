-- ftls client for Neovim 0.7+: require('ftls').setup { cmd = ..., settings = { ftls = { ... } } }
-- Starts one ftls client per project root and attaches every C/C++ buffer under it.
-- (Neovim 0.11+ can use lsp/ftls.lua with vim.lsp.enable('ftls') instead.)
local M = {}

local here = debug.getinfo(1, 'S').source:sub(2)
M.defaults = dofile(vim.fn.fnamemodify(here, ':p:h:h') .. '/lsp/ftls.lua')

-- The ftls launcher that belongs with a jar: beside it (an editor extension's layout) or at the
-- top of the checkout it was built in (server/target/ftls.jar); nil when there is none.
local function launcher_for(jar)
  local dir = vim.fn.fnamemodify(jar, ':p:h')
  for _, candidate in ipairs({ dir .. '/ftls', vim.fn.fnamemodify(dir, ':h:h') .. '/ftls' }) do
    if vim.fn.filereadable(candidate) == 1 then
      return candidate
    end
  end
  return nil
end

-- cmd may be an argv list, the launcher's path, or the jar's path. A jar runs through its
-- launcher when there is one (the JVM settings and class cache that `ftls serve` has), with
-- FTLS_JAR naming that jar; on Windows, or without one, with plain `java -jar`.
local function normalize_cmd(cmd)
  if type(cmd) == 'table' then
    return cmd
  end
  if cmd:match('%.jar$') then
    local launcher = vim.fn.has('win32') == 0 and launcher_for(cmd) or nil
    if launcher then
      return { 'env', 'FTLS_JAR=' .. vim.fn.fnamemodify(cmd, ':p'), 'bash', launcher, 'serve' }
    end
    return { 'java', '-jar', cmd, 'serve' }
  end
  return { cmd, 'serve' }
end

-- The nearest folder above `path` that holds one of the markers, else the file's own folder.
function M.find_root(path, markers)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while true do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return vim.fn.fnamemodify(path, ':p:h')
    end
    dir = parent
  end
end

local clients = {} -- root_dir -> client id (Neovim 0.7 only; vim.lsp.start reuses by itself)

local function attach(bufnr, opts)
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == '' or vim.bo[bufnr].buftype ~= '' then
    return
  end
  local root = M.find_root(path, opts.root_markers)
  local config = {
    name = 'ftls',
    cmd = opts.cmd,
    root_dir = root,
    settings = opts.settings,
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
  }
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    -- 0.7 neither sends the settings on its own nor forgets a stopped client for us.
    config.on_init = function(client)
      if next(client.config.settings or {}) then -- an empty Lua table would go out as []
        client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
      end
    end
    config.on_exit = function()
      clients[root] = nil
    end
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

-- :FtlsShowSettings: what the server analyzes the current buffer with (its compile settings and
-- where each came from, the includes they find, the target and the rules that run), in a scratch
-- buffer. The server's workspace/executeCommand ftls.showSettings makes the report.
function M.show_settings(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client
  for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if c.name == 'ftls' then
      client = c
    end
  end
  if not client then
    vim.notify('ftls is not attached to this buffer', vim.log.levels.WARN)
    return
  end
  local uri = vim.uri_from_bufnr(bufnr)
  client.request('workspace/executeCommand', { command = 'ftls.showSettings', arguments = { uri } },
    function(err, result)
      if err or type(result) ~= 'string' then
        vim.notify('ftls.showSettings: ' .. (err and err.message or 'no report'), vim.log.levels.ERROR)
        return
      end
      vim.cmd('new')
      local out = vim.api.nvim_get_current_buf()
      vim.bo[out].buftype = 'nofile'
      vim.bo[out].bufhidden = 'wipe'
      vim.bo[out].swapfile = false
      vim.api.nvim_buf_set_lines(out, 0, -1, false, vim.split(result, '\n', { trimempty = true }))
      vim.bo[out].modifiable = false
      pcall(vim.api.nvim_buf_set_name, out, 'ftls settings: ' .. vim.api.nvim_buf_get_name(bufnr))
    end, bufnr)
end

vim.api.nvim_create_user_command('FtlsShowSettings', function()
  M.show_settings(0)
end, { desc = 'ftls: show what the current buffer is analyzed with' })

function M.setup(user)
  local opts = vim.tbl_extend('force', M.defaults, user or {})
  opts.cmd = normalize_cmd(opts.cmd)
  local group = vim.api.nvim_create_augroup('ftls', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      attach(args.buf, opts)
    end,
  })
  -- Buffers opened before setup() ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(opts.filetypes, vim.bo[bufnr].filetype) then
      attach(bufnr, opts)
    end
  end
end

return M
