from ui.sign_in import sign_in_page

sign_in_page()
