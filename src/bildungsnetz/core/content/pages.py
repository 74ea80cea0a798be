# ruff: noqa: E501 – prose, one paragraph per line
"""Default texts of the editable content pages (BITV NRW duties of public bodies).

Plain data, no model imports: the data migration and ``bildungsnetz load_pages`` both read
it. Editors change the pages in the product afterwards; ``load_pages --reset`` restores these.
Markup: blank lines separate paragraphs, ``## `` starts a heading, ``- `` a list item.
"""

DEFAULT_PAGES = {
    "impressum": {
        "title_de": "Impressum",
        "title_en": "Legal notice",
        "body_de": """Bildungsnetz NRW ist die gemeinsame Plattform der Regionalen Bildungsnetzwerke in Nordrhein-Westfalen.

## Anbieter

Die Redaktion des Landes trägt hier den Betreiber der Plattform mit Anschrift, vertretungsberechtigter Person und Kontakt ein (Angaben nach § 5 DDG und § 18 MStV).

## Inhalte der Regionen

Für die Seiten einer Region ist deren Regionales Bildungsbüro verantwortlich. Die Anschrift steht auf der jeweiligen Regionsseite.

## Schuldaten

Die Angaben zu Schulen stammen aus dem Datensatz „Schulgrunddaten NRW“ des Ministeriums für Schule und Bildung NRW, Datenlizenz Deutschland – Namensnennung – Version 2.0. Schulform- und Gebietsschlüssel folgen dem Schuldatei-Katalog des SVWS-Servers (BSD-3-Clause, © Ministerium für Schule und Bildung des Landes NRW).""",
        "body_en": """Bildungsnetz NRW is the shared platform of the regional education networks in North Rhine-Westphalia.

## Provider

The Land's editorial team enters the operator of the platform here, with postal address, legal representative and contact details.

## Regional content

Each region's Bildungsbüro (education office) is responsible for that region's pages. Its address is shown on the region page.

## School data

School data come from the data set "Schulgrunddaten NRW" of the Ministry of Schools and Education of North Rhine-Westphalia, Data licence Germany – attribution – version 2.0. School type and area codes follow the Schuldatei catalogue of the SVWS server (BSD-3-Clause, © Ministerium für Schule und Bildung des Landes NRW).""",
    },
    "datenschutz": {
        "title_de": "Datenschutzerklärung",
        "title_en": "Privacy notice",
        "body_de": """Wir verarbeiten personenbezogene Daten nur, soweit es für den Betrieb der Plattform nötig ist oder Sie eingewilligt haben (Art. 6 DSGVO).

## Beim Besuch der Seiten

Der Server verarbeitet technisch notwendige Angaben (IP-Adresse, Zeitpunkt, aufgerufene Adresse), um die Seiten auszuliefern und Angriffe abzuwehren. Wir setzen nur technisch notwendige Cookies: die Sitzung nach der Anmeldung, den Schutz von Formularen (CSRF) und die gewählte Sprache. Es gibt keine Analyse- oder Werbedienste.

## Konten

Für ein Konto speichern wir E-Mail-Adresse, Name, Rollen in Regionen und – wenn Sie sie einrichten – den zweiten Anmeldefaktor. Änderungen an gemeinsamen Daten werden mit Konto und Zeitpunkt protokolliert, damit sie nachvollziehbar bleiben.

## Kontaktpersonen

Name und Kontaktdaten von Ansprechpersonen erscheinen öffentlich nur mit deren Einwilligung. Die Einwilligung kann jederzeit widerrufen werden.

## Rückmeldeformular

Was Sie über das Formular „Barriere melden“ senden, nutzen wir nur zur Bearbeitung Ihres Anliegens. Name und E-Mail-Adresse sind freiwillig.

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Widerspruch sowie das Recht auf Beschwerde bei der Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen. Die Redaktion trägt hier die Kontaktdaten des oder der Datenschutzbeauftragten des Betreibers ein.""",
        "body_en": """We process personal data only where the operation of the platform requires it or where you have consented (Art. 6 GDPR).

## When you visit the pages

The server processes technically necessary data (IP address, time, requested address) to deliver the pages and to fend off attacks. We set only technically necessary cookies: the session after login, form protection (CSRF) and the chosen language. There are no analytics or advertising services.

## Accounts

For an account we store the e-mail address, name, roles in regions and – if you set it up – the second login factor. Changes to shared records are logged with account and time so that they remain traceable.

## Contact persons

Names and contact details of contact persons are shown publicly only with their consent, which can be withdrawn at any time.

## Feedback form

What you send through the "Report a barrier" form is used only to handle your request. Name and e-mail address are optional.

## Your rights

You have the right of access, rectification, erasure, restriction of processing and objection, and the right to lodge a complaint with the data protection commissioner of North Rhine-Westphalia. The editorial team enters the contact details of the operator's data protection officer here.""",
    },
    "barrierefreiheit": {
        "title_de": "Erklärung zur Barrierefreiheit",
        "title_en": "Accessibility statement",
        "body_de": """Die Plattform soll für alle Menschen gut nutzbar sein. Diese Erklärung gilt für alle Seiten von Bildungsnetz NRW und folgt dem Behindertengleichstellungsgesetz NRW und der Barrierefreie-Informationstechnik-Verordnung NRW (BITV NRW).

## Stand der Vereinbarkeit

Die Seiten sind mit den Anforderungen der BITV 2.0 und der WCAG 2.1 auf Stufe AA weitgehend vereinbar. Jede Seite wird vor einer Veröffentlichung automatisch mit axe-core geprüft und mit der Tastatur bedient.

## Nicht barrierefreie Inhalte

- Karten sind eine zusätzliche Darstellung. Dieselben Angaben stehen immer auch als Liste oder Tabelle auf der Seite.
- Dokumente, die Regionen hochladen (zum Beispiel Protokolle als PDF), sind nicht immer barrierefrei. Auf Anfrage stellen wir den Inhalt in zugänglicher Form bereit.

## Erstellung dieser Erklärung

Die Erklärung beruht auf einer Selbstbewertung. Die Redaktion prüft sie mindestens einmal im Jahr und nach jeder größeren Änderung.

## Barriere melden

Ist Ihnen eine Barriere aufgefallen oder brauchen Sie einen Inhalt in anderer Form? Nutzen Sie das Formular „Barriere melden“ am Ende jeder Seite. Wir antworten in der Regel innerhalb von zwei Wochen.

## Durchsetzungsverfahren

Wenn Sie nach Ihrer Meldung keine zufriedenstellende Antwort erhalten, können Sie sich an die Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen wenden. Das Verfahren ist kostenlos.""",
        "body_en": """The platform should be easy to use for everyone. This statement applies to all pages of Bildungsnetz NRW and follows the disability equality law of North Rhine-Westphalia and its ordinance on accessible information technology (BITV NRW).

## Compliance status

The pages are largely compliant with BITV 2.0 and WCAG 2.1 level AA. Every page is checked automatically with axe-core and operated with the keyboard before it is published.

## Content that is not accessible

- Maps are an additional view. The same information is always on the page as a list or table too.
- Documents uploaded by regions (e.g. minutes as PDF) are not always accessible. On request we provide the content in an accessible form.

## Preparation of this statement

This statement is based on a self-assessment. The editorial team reviews it at least once a year and after every major change.

## Report a barrier

Have you found a barrier, or do you need content in another form? Use the form "Report a barrier" at the bottom of every page. We usually reply within two weeks.

## Enforcement procedure

If you do not receive a satisfactory answer to your report, you can turn to the ombudsman office for accessible information technology of North Rhine-Westphalia. The procedure is free of charge.""",
    },
    "leichte-sprache": {
        "title_de": "Leichte Sprache",
        "title_en": "Easy-to-read information",
        "body_de": """Hier erklären wir die Internet-Seite in Leichter Sprache.

## Was ist Bildungsnetz NRW?

Bildungsnetz NRW ist eine Internet-Seite.
Die Seite ist für Menschen, die mit Schulen arbeiten.
Zum Beispiel: Schulen, Museen, Bibliotheken, Sport-Vereine.
Und für alle, die sich informieren wollen.

## Was finden Sie hier?

- Alle Schulen in Nordrhein-Westfalen.
- Wer die Aufsicht über eine Schule hat.
- Die Kreise und Städte in Nordrhein-Westfalen.
- Wer in Ihrer Region bei Fragen zur Bildung hilft.

## Wie finden Sie eine Schule?

Oben auf jeder Seite ist ein Such-Feld.
Schreiben Sie den Namen der Schule oder den Ort in das Feld.
Dann klicken Sie auf „Suchen“.

## Sie brauchen Hilfe?

Unten auf jeder Seite steht „Barriere melden“.
Dort können Sie uns schreiben.
Zum Beispiel, wenn Sie etwas nicht lesen können.
Wir antworten Ihnen.""",
        "body_en": """This page explains the website in easy-to-read language.

## What is Bildungsnetz NRW?

Bildungsnetz NRW is a website.
It is for people who work with schools.
For example: schools, museums, libraries, sports clubs.
And for everyone who wants to find out more.

## What can you find here?

- All schools in North Rhine-Westphalia.
- Who supervises a school.
- The districts and cities in North Rhine-Westphalia.
- Who helps with questions about education in your region.

## How do you find a school?

At the top of every page there is a search box.
Type the name of the school or the town into the box.
Then click "Search".

## Do you need help?

At the bottom of every page it says "Report a barrier".
There you can write to us.
For example, if you cannot read something.
We will answer you.""",
    },
    "bildungspartner-kontakt": {
        "title_de": "Bildungspartner NRW: Ansprechpersonen",
        "title_en": "Bildungspartner NRW: contact persons",
        "body_de": """Die Geschäftsstelle Bildungspartner NRW berät Schulen und außerschulische Einrichtungen beim Aufbau einer Bildungspartnerschaft. Sie arbeitet im Auftrag des Ministeriums für Schule und Bildung NRW und der Landschaftsverbände Rheinland und Westfalen-Lippe.

## Zuständigkeit nach Initiative

- Geschäftsführung Bildungspartner NRW
- Bibliothek, Bühne und Musikschule und Schule
- Medienzentrum, Natur und Volkshochschule und Schule
- Sportverein und Schule
- Museum und Schule (auch Förderung von Fahrten)
- Archiv und Gedenkstätte und Schule

## Namen und Kontaktdaten

Die Redaktion trägt zu jeder Initiative die zuständige Person mit Telefon und E-Mail ein – nur mit deren Einwilligung. Bis dahin hilft das Bildungsbüro Ihrer Region weiter.

## Beratung durch die Kompetenzteams

Mit dem Programm „Kooperation mit Bildungspartnern“ beraten spezialisierte Moderatorinnen und Moderatoren der Kompetenzteams NRW Lehrkräfte beim Aufbau außerschulischer Kooperationen – in historisch-politischer, kultureller und naturwissenschaftlich-technischer Bildung und in der Leseförderung.""",
        "body_en": """The Bildungspartner NRW office advises schools and out-of-school institutions on setting up an education partnership. It works on behalf of the Ministry of Schools and Education of North Rhine-Westphalia and the regional associations Rheinland and Westfalen-Lippe.

## Responsibility by initiative

- Management of Bildungspartner NRW
- Library, theatre and music school and school
- Media centre, nature and adult education centre and school
- Sports club and school
- Museum and school (also funding for trips)
- Archive and memorial site and school

## Names and contact details

The editorial team enters the responsible person for each initiative with phone and e-mail – only with their consent. Until then, the Bildungsbüro of your region will help.

## Advice from the Kompetenzteams

In the programme "Kooperation mit Bildungspartnern", specialised facilitators of the Kompetenzteams NRW advise teachers on building out-of-school partnerships – in historical and political, cultural, and science and technology education, and in reading promotion.""",
    },
    "bildungspartner-foerderung": {
        "title_de": "Bildungspartner NRW: Förderung von Fahrten",
        "title_en": "Bildungspartner NRW: funding for trips",
        "body_de": """Bildungspartner NRW vergibt keine dauerhaften Projektmittel. Gefördert werden können aber Fahrten von Schulen zu ihren außerschulischen Partnern; zuständig ist in der Geschäftsstelle der Bereich „Museum und Schule“.

## Aktuelle Bedingungen

Die Redaktion trägt hier ein, wer antragsberechtigt ist, welche Kosten übernommen werden, welche Fristen gelten und wo das Antragsformular zu finden ist.

## Weitere Fördermöglichkeiten

Weitere Angebote für Kooperationen mit außerschulischen Partnern nennt der Unterstützungskatalog unter Kriterium 6.6.12. Das Bildungsbüro Ihrer Region kennt zudem regionale Programme.""",
        "body_en": """Bildungspartner NRW does not provide permanent project funding. Trips of schools to their out-of-school partners can, however, be funded; within the office the "Museum and school" team is responsible.

## Current conditions

The editorial team enters here who may apply, which costs are covered, which deadlines apply and where to find the application form.

## Further funding options

The support catalogue lists further offers for cooperation with out-of-school partners under criterion 6.6.12. The Bildungsbüro of your region also knows regional programmes.""",
    },
}
