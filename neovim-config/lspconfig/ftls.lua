-- ftls for nvim-lspconfig users (Neovim 0.7-0.10), in lspconfig's `configs` style:
--   require('lspconfig.configs').ftls = dofile('<this file>')
--   require('lspconfig').ftls.setup { cmd = { '/path/to/ftls', 'serve' } }
local here = debug.getinfo(1, 'S').source:sub(2)
local base = dofile(vim.fn.fnamemodify(here, ':p:h:h') .. '/lsp/ftls.lua')

return {
  default_config = {
    cmd = base.cmd,
    filetypes = base.filetypes,
    root_dir = function(fname)
      return require('lspconfig.util').root_pattern(unpack(base.root_markers))(fname)
        or vim.fn.fnamemodify(fname, ':p:h')
    end,
    settings = base.settings,
  },
  docs = {
    description = 'ftls: checks CPython C extensions for free-threading hazards.',
  },
}
