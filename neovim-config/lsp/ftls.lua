-- ftls for Neovim 0.11+: put this folder on 'runtimepath' and call vim.lsp.enable('ftls').
-- Override any field with vim.lsp.config('ftls', { ... }).
-- This table is also the single source of defaults for lua/ftls.lua and lspconfig/ftls.lua.
return {
  cmd = { 'ftls', 'serve' },
  filetypes = { 'c', 'cpp' },
  root_markers = { 'compile_commands.json', 'pyproject.toml', 'setup.py', '.git' },
  -- One object under `ftls`, the same names as in every other client,
  -- e.g. { ftls = { target = '3.14t', includePaths = { ... }, defines = { ... } } }.
  -- Empty means: the server's own defaults.
  settings = { ftls = vim.empty_dict() },
}
