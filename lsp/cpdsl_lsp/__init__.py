"""The cplint language server (`cplint lsp`)."""
