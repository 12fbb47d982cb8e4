-- Minimal init for the headless test: neovim-config on 'runtimepath', ftls set up with the
-- repo's launcher or jar (FTLS_TEST_CMD overrides it, for run.sh's negative control).
local test_dir = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local config_dir = vim.fn.fnamemodify(test_dir, ':h')
local repo = vim.fn.fnamemodify(config_dir, ':h')
vim.opt.runtimepath:prepend(config_dir)
vim.opt.swapfile = false

local harness = dofile(test_dir .. '/headless.lua')
harness.install()
local settings = { ftls = { target = '3.14t' } }
if os.getenv('FTLS_TEST_CASE') == 'settings' then
  settings.ftls.ignore = { 'FT101' } -- the settings case checks that the server honours this
elseif os.getenv('FTLS_TEST_CASE') == 'suppress_on' then
  settings.ftls.suppressionFixes = true -- offers "Ignore FTnnn on this line" (suppress_off: not set)
end
-- All three forms of `cmd` get used: an argv list, the launcher's path, the jar's path.
local cmd = ({
  hold = repo .. '/ftls',
  quit = repo .. '/server/target/ftls.jar',
})[os.getenv('FTLS_TEST_CASE')] or { repo .. '/ftls', 'serve' }
require('ftls').setup {
  cmd = os.getenv('FTLS_TEST_CMD') or cmd,
  settings = settings,
}
-- -u runs before the file on the command line is loaded, so start on VimEnter.
vim.api.nvim_create_autocmd('VimEnter', { nested = true, callback = harness.run })
