"""Keys, passwords, device signatures and the audit hash chain.

Owns every secret the counter holds. Never writes a secret in plaintext to disk, never logs
one, and never falls back to a plaintext keyring.
"""
