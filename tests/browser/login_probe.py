"""Streamlit's own sign-in and nothing of ours, for ``test_oidc_login.py``: a sign-in button
(``st.login()``) when nobody is signed in, else who is signed in and a sign-out button
(``st.logout()``). Run by ``streamlit run`` with the ``[auth]`` secrets of ``tests/browser/oidc.py``;
imported, it only gives the tests its button labels.
"""

import streamlit as st

SIGN_IN = "Sign in"
SIGN_OUT = "Sign out"


def main() -> None:
    if not st.user.is_logged_in:
        if st.button(SIGN_IN):
            st.login()
        return
    st.markdown(f"Signed in as `{st.user.email}` (`{st.user.sub}`)")
    if st.button(SIGN_OUT):
        st.logout()


if __name__ == "__main__":
    main()
