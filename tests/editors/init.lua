-- The Neovim set-up under test: docs/editors.md's for Neovim 0.7 (Debian 12's), which also
-- runs on later versions, with the server's command and settings handed over by the test
-- as JSON in CPLINT_LSP_CMD and CPLINT_LSP_SETTINGS.

-- Neovim 0.7 ignores vim.filetype.add unless do_filetype_lua is set: an autocmd works on all.
vim.cmd([[autocmd BufRead,BufNewFile *.cp set filetype=cpdsl]])

local cmd = vim.fn.json_decode(vim.env.CPLINT_LSP_CMD)
local settings = vim.fn.json_decode(vim.env.CPLINT_LSP_SETTINGS)
if vim.tbl_isempty(settings) then
  settings = vim.empty_dict() -- a bare {} would reach the server as []
end

local client_id
vim.api.nvim_create_autocmd("FileType", {
  pattern = "cpdsl",
  callback = function(args)
    -- One server for every plan: it finds each plan's cplint.toml from the plan upwards.
    client_id = client_id or vim.lsp.start_client({
      name = "cplint",
      cmd = cmd,
      root_dir = vim.fn.getcwd(),
      init_options = { settings = settings },
    })
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})
