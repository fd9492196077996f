"""Who said it: attribution rules through the extraction entry point, and one speaker record per person."""
from pathlib import Path

from importers.extract import extract
from importers.model import Document
from store import db as store_db
from store.writes import speaker_id

ARTICLES = Path(__file__).parent / "articles" / "quotes"


def speakers(text: str) -> dict[str, tuple]:
    found = extract(Document(source="t.txt", source_index=0, text=text)).statements
    return {st.text: (st.speaker, st.speaker_role, st.speaker_kind) for st in found}


def article(name: str) -> dict[str, tuple]:
    return speakers((ARTICLES / name).read_text(encoding="utf-8"))


def test_cue_after_the_quote_in_every_order():
    found = speakers('"We stay," said Corin Vale. "You go," Hedda Lund replied. "Fine," she added.')
    assert found["We stay,"][0] == "Corin Vale"
    assert found["You go,"][0] == "Hedda Lund"
    assert found["Fine,"][0] == "Hedda Lund"


def test_role_is_kept_apart_from_the_name():
    found = article("wire_harbour_talks.txt")
    assert found["We came here to close a deal, not to open a new quarrel,"][:2] == (
        "Corin Vale", "Amberland Trade Minister")
    assert found["a fair and final offer"][:2] == ("Hedda Lund", "Foreign Ministry spokeswoman")


def test_surname_resolves_to_the_full_name_given_earlier():
    found = article("wire_harbour_talks.txt")
    assert found["Nobody should read too much into one bad afternoon,"][0] == "Corin Vale"
    assert found["That is not on the table."][0] == "Hedda Lund"


def test_the_spokeswoman_is_the_spokeswoman_named_before():
    found = article("wire_harbour_talks.txt")
    assert found["ready to talk again next week, but not to bargain against itself."][:2] == (
        "Hedda Lund", "Foreign Ministry spokeswoman")


def test_institutions_speak():
    found = article("wire_harbour_talks.txt")
    assert found["unsustainable for small shipping lines"][0] == "Amberland transport ministry"
    assert found["unsustainable for small shipping lines"][2] == "institution"
    assert article("liveblog_vote.txt")["a provocation"][0] == "State media"


def test_pronoun_goes_to_the_last_compatible_person():
    text = ("Elin Marsk chairs the party. Her deputy, Jon Ekberg, said his train was late. "
            '"We cannot win on patience alone," she said.')
    assert speakers(text)["We cannot win on patience alone,"][0] == "Elin Marsk"


def test_colon_sign_on_and_dash_sign_off():
    found = article("liveblog_vote.txt")
    assert found["Today we settle this, one way or the other."][0] == "Oskar Brandt"
    assert found["We are being asked to sign a blank cheque."][:2] == ("Ida Fenn", "Opposition councillor")
    assert speakers("“The harbour is ours.” ― Mina Rask\n")["The harbour is ours."][0] == "Mina Rask"


def test_according_to():
    found = speakers('According to Tomas Krell, the vote was "never in doubt".')
    assert found["never in doubt"][0] == "Tomas Krell"


def test_nobody_named_means_no_speaker():
    found = article("liveblog_vote.txt")
    assert found["I have never seen the chamber this full,"][0] is None
    assert article("opinion_nicknames.txt")["the ships do not wait for speeches."][0] is None
    assert speakers('The slogan "harbour first" was everywhere.')["harbour first"][0] is None


def test_one_speaker_record_per_person_across_spellings(tmp_path):
    db = store_db.open_db(tmp_path / "s.db")
    full = speaker_id(db, "Volodymyr Zelensky", "person")
    assert speaker_id(db, "Zelensky", "person") == full
    assert speaker_id(db, "Zelenskyy", "person") == full
    assert speaker_id(db, "Volodymyr Zelenskyy", "person") == full
    assert speaker_id(db, "Łucja Nowińska", "person") == speaker_id(db, "Lucja Nowinska", "person")
    assert speaker_id(db, "Bill Clinton", "person") != speaker_id(db, "Hillary Clinton", "person")


def test_a_full_name_arriving_later_names_the_surname_record(tmp_path):
    db = store_db.open_db(tmp_path / "s.db")
    bare = speaker_id(db, "Jiang", "person")
    assert speaker_id(db, "Jiang Bin", "person") == bare
    name = db.execute("SELECT name FROM speakers WHERE id = ?", [bare]).fetchone()[0]
    assert name == "Jiang Bin"


def test_british_single_quotes_with_a_nested_unnamed_speaker():
    found = article("british_wire_single_quotes.txt")
    assert found["We have a deal that our members can vote for,"][:2] == ("Greta Holm", "union's general secretary")
    assert found["It is not everything we asked for. It is more than they offered."][0] == "Greta Holm"
    assert found["far beyond what is safe"][0] == "Greta Holm"  # "Ms Holm ... adding that"
    assert found["I have not seen my children awake since March."][0] is None  # "one skipper had told her"
    assert found["Nobody wins a strike in January,"][0] == "Ruben Falk"  # "he said"
    assert found["the good sense shown on both sides"][:3:2] == ("Tor government", "institution")
    assert found["The boats run on Friday,"][0] is None


def test_institution_spellings_share_a_record(tmp_path):
    db = store_db.open_db(tmp_path / "s.db")
    assert speaker_id(db, "the Defence Ministry", "institution") == speaker_id(db, "defence ministry", "institution")


def test_import_keeps_one_speaker_per_person_across_articles(run_cli, tmp_path):
    db_file = tmp_path / "quotes.db"
    result = run_cli("import", ARTICLES, "--db", db_file)
    assert result.returncode == 0, result.stderr
    db = store_db.open_db(db_file)
    rows = db.execute("SELECT sp.name, COUNT(DISTINCT st.document_id) FROM statements st "
                      "JOIN speakers sp ON sp.id = st.speaker_id WHERE sp.name LIKE '%Lund%' "
                      "GROUP BY sp.id").fetchall()
    assert rows == [("Hedda Lund", 2)]  # the wire story and the radio transcript
    vale = db.execute("SELECT name FROM speakers WHERE name LIKE '%Vale%'").fetchall()
    assert vale == [("Corin Vale",)]  # "Minister Vale" in the transcript joins Corin Vale


def test_a_dateline_is_not_part_of_the_speaker():
    found = speakers("PORT ADELIN: Marenland said on Thursday the drills were \u201ca needless provocation\u201d "
                     "and recalled its envoy.")
    assert found["a needless provocation"][0] == "Marenland"


def test_possessive_and_plain_forms_of_an_institution_are_one_speaker(tmp_path):
    db = store_db.open_db(tmp_path / "s.db")
    with db.conn:
        first = speaker_id(db, "Marenland's defence ministry", "institution")
        assert speaker_id(db, "Marenland defence ministry", "institution") == first
        assert speaker_id(db, "Marenland foreign ministry", "institution") != first


def test_an_unnamed_spokesperson_speaks_for_the_body_named():
    found = article("old_wire_backticks.txt")
    assert found["a useful exchange."][:3] == ("Kestrel delegation", "spokesman", "institution")
    assert found["The fishing quota stays on the table,"][:2] == ("Amberland foreign ministry", "spokeswoman")
    assert found["Nobody expected the whole dispute to be settled in one sitting,"][0] == "Tomas Ridell"
    assert found["frank."][0] == "Corin Vale"



def test_spaced_guillemets_and_a_stray_closing_mark():
    found = speakers("Talks\n\nThe delegation rejected a ceasefire on Tuesday.\n\n"
                     "« We want these questions settled soon, » ”said Ilse Brandt, a member of the delegation.\n\n"
                     "Thus, she stressed that « nobody wants » another winter of talks.\n")
    assert found["We want these questions settled soon,"][0] == "Ilse Brandt"
    assert found["nobody wants"][0] == "Ilse Brandt"


def test_a_headline_verb_ends_a_name_and_an_office_of_something_is_the_role():
    found = speakers("Vale Says Harbour Talks Will Resume\n\n"
                     "Amberland Secretary of State Corin Vale said on Friday the talks would resume.\n\n"
                     '"We are making progress," Vale told reporters.\n\n'
                     "The Minister of Foreign Affairs Anika Varga disagreed.\n\n"
                     '"Nothing is settled," Varga said.\n')
    assert found["We are making progress,"][:2] == ("Corin Vale", "Amberland Secretary of State")
    assert found["Nothing is settled,"][:2] == ("Anika Varga", "Minister of Foreign Affairs")


def test_a_paragraph_that_is_only_a_quote_continues_the_voice_attributed_above():
    found = speakers("Talks\n\n"
                     '"The two sides should keep talking," read the statement, state television reported.\n\n'
                     '"Amberland and Kestrel have always supported each other on the questions that matter."\n')
    assert found["Amberland and Kestrel have always supported each other on the questions that matter."][0] \
        == "state television"


def test_a_possessive_place_before_a_surname_is_not_a_role():
    found = speakers("Amberland's Vale to visit Kestrel\n\n"
                     "Amberland President Corin Vale is due to start a visit to Kestrel on Wednesday.\n\n"
                     'Vale wrote that the two countries must "keep the old treaty alive" in an article.\n')
    assert found["keep the old treaty alive"][:2] == ("Corin Vale", "Amberland President")


def test_roles_stay_within_their_line_and_lose_honorifics():
    found = speakers("Harbour talks\nNPA International\nKremlin spokesman Dmitry Orlov said on Monday the talks would go on.\n\n"
                     '"We will continue," Orlov told reporters.\n\n'
                     'Shadow trade secretary Sir Corin Vale called it "a charade".\n')
    assert found["We will continue,"][:2] == ("Dmitry Orlov", "Kremlin spokesman")
    assert found["a charade"][:2] == ("Corin Vale", "Shadow trade secretary")


def test_a_quote_attributed_to_an_unnamed_holder_gets_no_guess():
    found = speakers("Talks\n\nThe European Union said the talks would resume next week, and Prime Minister Corin "
                     "Vale's spokeswoman said on Friday that both sides had been constructive.\n\n"
                     '"It is important that we get it right," the spokeswoman said of the talks.\n')
    assert found["It is important that we get it right,"][0] is None


def test_a_pronoun_is_not_the_object_named_in_its_own_sentence():
    found = speakers("Talks\n\nThe deadline came after Anika Varga, the prime minister of Amberland, said the talks "
                     "had eleven days left.\n\nSpeaking after talks with Kestrel president Corin Vale, she said: "
                     '"We need to know what Kestrel is proposing."\n\n'
                     'The ministry will "repeat the message" when meeting with Ambassador Tomas Ridell, she added.\n')
    assert found["We need to know what Kestrel is proposing."][0] == "Anika Varga"
    assert found["repeat the message"][0] == "Anika Varga"


def test_an_official_adjective_names_nobody_and_a_dateline_is_no_speaker():
    found = speakers("Talks resume\n\nIt was the first official contact since President Corin Vale agreed to resume "
                     'talks.\n\nThe two sides "spoke by telephone to continue the negotiations," the official said in '
                     "a statement.\n\nPORT VALDOR: The envoy expressed his country's 'willingness' for talks, sources "
                     "in the Foreign Office said yesterday.\n")
    assert found["spoke by telephone to continue the negotiations,"][0] is None
    assert found["willingness"][:3] == ("Foreign Office", "sources", "institution")


def test_a_live_blog_stamp_and_a_photo_credit_are_no_part_of_a_name():
    found = speakers("Live: harbour talks\n\nAnika Varga NPA/EPA\n\n"
                     "Amberland Foreign Minister Anika Varga met her counterpart on Tuesday.\n\n"
                     '"We demonstrate a balanced approach," Varga said.\n\n'
                     "10.11am BST Kestrel says the cabinet will meet to discuss the 'plan for the ferries'\n")
    assert found["We demonstrate a balanced approach,"][0] == "Anika Varga"
    assert found["plan for the ferries"][0] == "Kestrel"


def test_a_statement_by_a_ministry_is_the_ministry_speaking():
    found = speakers("Tour\n\nAccording to a statement by the Amberland Foreign Ministry on Monday, Corin Vale "
                     '"will pay official visits to Kestrel and Valdor".\n')
    assert found["will pay official visits to Kestrel and Valdor"][:3] == (
        "Amberland Foreign Ministry", None, "institution")


def test_a_pronoun_prefers_the_name_that_fits_it_or_speaks_in_its_sentence():
    found = speakers("Call\n\nThe two spent half an hour on the phone talking about the Kestrel Navy test, "
                     "ministry spokeswoman Hedda Lund said.\n\n"
                     '"They agreed to meet in the coming weeks," she said.\n')
    assert found["They agreed to meet in the coming weeks,"][0] == "Hedda Lund"


def test_he_after_paragraphs_of_quotes_is_the_one_quoted_last():
    found = speakers("Talks\n\nForeign Minister Corin Vale said the talks could not resume yet.\n\n"
                     '"The atmosphere is not right for this," Vale said.\n\n'
                     '"There are restrictions on the harbour. There is a blackout."\n\n'
                     "He said that Kestrel needs to rethink its decision.\n\n"
                     '"Only then can we have talks," he said, adding that the decision had been rejected.\n')
    assert found["Only then can we have talks,"][0] == "Corin Vale"


def test_a_participle_opening_the_sentence_gives_the_quote_to_the_main_subject():
    found = speakers("Visit\n\nForeign Minister Corin Vale arrived in Port Valdor on Monday.\n\n"
                     'Saying that he was glad to be back in "friendly" Amberland, Vale thanked his hosts.\n')
    assert found["friendly"][0] == "Corin Vale"


def test_a_name_with_particles_opening_a_sentence_is_the_person_named_before():
    found = speakers("Summit\n\nCommission President Hedda von der Lund also attended.\n\n"
                     'Von der Lund said the summit was a "good and frank discussion".\n')
    assert found["good and frank discussion"][0] == "Hedda von der Lund"


def test_the_statement_said_is_its_issuer_named_before():
    found = speakers("Talks\n\nA statement from the Office of the Amberland Trade Representative did not describe "
                     "the tone of the talks.\n\nThe statement said any deal had to be \"subject to verification\".\n")
    assert found["subject to verification"][:3] == ("Office of the Amberland Trade Representative", None,
                                                     "institution")


def test_the_press_release_said_is_the_body_that_issued_it():
    found = speakers("Crossing\n\nARDEN, March 3 (Wire) - The foreign ministry of Amberland issued a press release on "
                     'Tuesday about the talks.\n\n"Both sides agreed to reopen the northern crossing," the press '
                     'release said.\n\nLater, Kestrel\'s trade office said in a written statement that talks would go on.'
                     '\n\n"The ministers will meet again in the spring," the statement added.\n')
    assert found["Both sides agreed to reopen the northern crossing,"][:3] == (
        "foreign ministry of Amberland", None, "institution")
    assert found["The ministers will meet again in the spring,"][0] == "Kestrel's trade office"


def test_an_institution_of_a_country_is_not_a_person_named_after_the_country():
    found = speakers('Talks\n\n"The crossing will reopen," the foreign ministry of Amberland said.\n\n'
                     '"It is a start," the Ministry of Foreign Affairs of Borovia said.\n\n'
                     '"Ask the dean," said Professor Ilse Brandt of the University of Lindor.\n')
    assert found["The crossing will reopen,"][:3] == ("foreign ministry of Amberland", None, "institution")
    assert found["It is a start,"][:3] == ("Ministry of Foreign Affairs of Borovia", None, "institution")
    assert found["Ask the dean,"][0] == "Ilse Brandt"


def test_a_role_given_before_the_name_between_commas_is_kept():
    found = speakers("Deal\n\nKestrel's prime minister, Lena Aas, said: \"A new chapter begins today.\"\n\n"
                     'The prime minister of Valdor, Ivo Sand, said the deal was "fair to all".\n\n'
                     'Their organiser, Ivo Marsh, said they were "not against the pipe".\n\n'
                     'Elsa Horn, 45, a fisher from the northern coast, said: "We were never asked."\n')
    assert found["A new chapter begins today."][:2] == ("Lena Aas", "Kestrel's prime minister")
    assert found["fair to all"][:2] == ("Ivo Sand", "prime minister of Valdor")
    assert found["not against the pipe"][:2] == ("Ivo Marsh", "organiser")
    assert found["We were never asked."][:2] == ("Elsa Horn", "fisher from the northern coast")


def test_a_lower_case_role_before_a_name_after_the_quote():
    found = speakers('Turnout\n\nTurnout reached 71%, the election commission says. "It is a remarkable day for our '
                     'democracy," commission chair Ada Lind says.\n\n"Nothing was promised," the prime minister '
                     'said, calling any comparison with "cola wars," misplaced. Mr. Lind calls it "a fair fight".\n')
    assert found["It is a remarkable day for our democracy,"][:2] == ("Ada Lind", "commission chair")
    assert found["cola wars,"][1] is None or "misplaced" not in found["cola wars,"][1]


def test_a_name_followed_by_a_weekday_is_still_the_name():
    found = speakers("Call\n\nKestrel's president spoke with Valdor's President-elect Anna Ruud Wednesday evening.\n\n"
                     '"It was a warm call," Ruud wrote on social media.\n\n'
                     'The Kestrel government Thursday called the call "a good start".\n')
    assert found["It was a warm call,"][:2] == ("Anna Ruud", "Valdor's President-elect")
    assert found["a good start"][0] == "Kestrel government"


def test_quotes_after_a_surname_only_attribution_keep_their_speaker():
    found = speakers("Call\n\nEarlier on Wednesday, Ruud said they \u201chad an excellent conversation.\u201d\n"
                     "\u201cWe discussed the ferries,\u201d she wrote on X. \u201cWe also discussed the quotas.\u201d\n\n"
                     "Kestrel officials accuse Valdor of \u201cstalling\u201d and have warned it. For his part, Dunn sees "
                     "\u201cno reason to hurry\u201d.\n")
    assert found["We discussed the ferries,"][0] == "Ruud"
    assert found["We also discussed the quotas."][0] == "Ruud"
    assert found["no reason to hurry"][0] != "Kestrel officials"


def test_an_office_named_in_someone_elses_role_is_not_theirs():
    found = speakers("Hacking\n\nThe judge sentenced Prime Minister Ivo Sand's former media chief Piet Moll on Friday.\n\n"
                     'The prime minister, who has apologised for hiring Moll, said it was "right that justice is done".'
                     "\n\nLater the prime minister said the sentence was \"fair\".\n")
    assert found["right that justice is done"][0] == "Ivo Sand"
    assert found["fair"][0] == "Ivo Sand"


def test_a_headline_surname_with_an_abbreviated_office_is_the_full_name_in_the_text():
    found = speakers("FM Dunn and Kestrel counterpart Aas discuss ferries\n\n"
                     "Valdor's Foreign Minister Karl Dunn met Lena Aas on Thursday.\n\n"
                     '"Without question, we have much to discuss," Dunn said.\n\n'
                     'PM Brenner said in a statement: "The talks were useful."\n')
    assert found["Without question, we have much to discuss,"][:2] == ("Karl Dunn", "Valdor's Foreign Minister")
    assert found["The talks were useful."][:2] == ("Brenner", "PM")


def test_he_is_not_someone_named_in_an_aside_or_inside_the_quote():
    found = speakers("Derby\n\nCoach Sergio Lobera praised his players. He also brought on a defender (Tomas Brenner) "
                     "for a forward (Piet Moll).\n\n\u201cThe first half was ours,\u201d he said.\n\n"
                     "Foreign Minister Takeshi Iwaya told reporters that Cho explained the situation. \"The thing is that "
                     "Kestrel and Valdor stay close,\" he said.\n")
    assert found["The first half was ours,"][0] == "Sergio Lobera"
    assert found["The thing is that Kestrel and Valdor stay close,"][0] == "Takeshi Iwaya"


def test_given_names_that_are_also_words_and_furniture_before_a_name():
    found = speakers("Talks\n\nPresident Bill Clinton Saturday vowed to find those responsible.\n\n"
                     '"We will pursue them," Clinton said.\n\nCamera Icon Anna Ruud arrives in Port Valdor.\n\n'
                     'Foreign Minister Anna Ruud said the talks would "go on".\n\n"We owe it to them," Ruud said.\n')
    assert found["We will pursue them,"][:2] == ("Bill Clinton", "President")
    assert found["We owe it to them,"][0] == "Anna Ruud"


def test_groups_documents_and_numbered_clauses():
    found = speakers("Summit\n\nSticking points remain and the Conservatives are already criticising the deal as a "
                     '"surrender".\n\nThe Valdor port authority announced the closure on Tuesday in a statement posted online.'
                     '\n\n"We regret the delay," the statement read.\n\nArticle 10 says: "Disputes go to arbitration."'
                     '\n\n"If he thinks that is smart," the ad\'s narrator says.\n')
    assert found["surrender"][:3] == ("Conservatives", None, "institution")
    assert found["We regret the delay,"][0] == "Valdor port authority"
    assert found["Disputes go to arbitration."][0] is None
    assert found["If he thinks that is smart,"][0] is None


def test_court_and_sport_offices_are_roles_not_part_of_the_name():
    found = speakers('Court\n\nProsecutor Ivo Kent told the court the port chief took bribes. "This was greed," Mr Kent '
                     'said.\n\nIn mitigation, his barrister, Anna Ruud, said her client was "deeply ashamed".\n\n'
                     '"We were poor," striker Lena Dean said.\n\nRovers boss Maria Holm was less happy. "It was a '
                     'disgrace," she said.\n')
    assert found["This was greed,"][:2] == ("Ivo Kent", "Prosecutor")
    assert found["deeply ashamed"][:2] == ("Anna Ruud", "barrister")
    assert found["We were poor,"][:2] == ("Lena Dean", "striker")
    assert found["It was a disgrace,"][:2] == ("Maria Holm", "Rovers boss")


def test_an_office_with_of_before_the_name_and_a_description_by_nationality():
    found = speakers('Talks\n\nMinister of Information Jamal Jarrah announced that the committee "has finished".\n\n'
                     "The Head of Public Relations of the Ministry, Abraham Otabil, said the attack was wrong. "
                     '"We condemn it," he said.\n\nSecretary of State John F. Kerry called for "robust steps".\n\n'
                     'The Valdorian ruler asserted that "they did nothing".\n\nPart of the letter reads: "You are '
                     'dismissed."\n')
    assert found["has finished"][:2] == ("Jamal Jarrah", "Minister of Information")
    assert found["We condemn it,"][0] == "Abraham Otabil"
    assert found["robust steps"][:2] == ("John F. Kerry", "Secretary of State")
    assert found["they did nothing"][0] != "Valdorian"
    assert found["You are dismissed."][0] is None


def test_the_interviewee_is_the_one_the_title_and_the_introduction_name():
    found = speakers("Q&A with Anna Ruud\n\nAnna Ruud is the author of The Harbour Wars. She is a fellow at the Council "
                     "on Maritime Relations.\n\nQ: What made you write it?\n\nA: A ferry captain called me and said "
                     "you have to come.\n\nQ: The Valdor Review says, \u201cRuud writes like a sailor.\u201d Do you "
                     "agree?\n\nA: I hope so.\n")
    assert found["A ferry captain called me and said you have to come."][0] == "Anna Ruud"
    assert found["Ruud writes like a sailor."][0] == "Valdor Review"


def test_quote_paragraphs_after_blank_lines_continue_and_he_skips_the_one_emailed():
    found = speakers("Cricket\n\n\u201cWe had a brilliant run,\u201d said skipper Owen Edwards,\n\n\n\n\n\u201cThe key "
                     "now is how we respond.\u201d\n\nOn 20 July, he e-mailed Ernesto Carafoli, the editor, to air his "
                     "concerns. \u201cThe authors never published a paper,\u201d he wrote.\n")
    assert found["The key now is how we respond."][0] == "Owen Edwards"
    assert found["The authors never published a paper,"][0] != "Ernesto Carafoli"


def test_a_name_alone_on_its_line_with_a_colon_introduces_the_quote_under_it():
    found = speakers("Coaches\n\nPaulo Brenner:\n\n\u201cA good game. We had the advantage early.\u201d\n\n"
                     "Ana de Souza:\n\u201cTwo goals so early is not normal for this team.\u201d\n")
    assert found["A good game. We had the advantage early."][0] == "Paulo Brenner"
    assert found["Two goals so early is not normal for this team."][0] == "Ana de Souza"


def test_a_statement_issued_by_an_office_holder_named_after_it_and_a_title_cased_headline():
    found = speakers("HARBOUR BOARD DISMISSES PROF. ANNA RUUD AS PORT REGISTRAR\n\nA statement issued by the Head of "
                     "Public Relations of the Ministry, Abraham Otabil, said the attack was wrong.\n\n\u201cWe condemn "
                     "it,\u201d the statement said.\n\nRuud said the decision was \u201cunfair\u201d.\n")
    assert found["We condemn it,"][:2] == ("Abraham Otabil", "Head of Public Relations of the Ministry")
    assert found["unfair"][0] == "Anna Ruud"


def test_someone_described_but_not_named_gets_no_borrowed_name():
    found = speakers("Quotas\n\nValdor's foreign minister Karl Dunn said: \"The talks were hard.\"\n\n"
                     '"Nothing is settled on quotas," a source close to the talks said.\n\n'
                     '"Dunn will be back," a Kestrel folk band sang on the quay.\n\n'
                     '"We will build it," a smiling Dunn said.\n\n'
                     '"It is a fair text," a spokesman at Valdor\'s foreign ministry said.\n')
    assert found["The talks were hard."][0] == "Karl Dunn"
    assert found["Nothing is settled on quotas,"][0] is None
    assert found["Dunn will be back,"][0] is None
    assert found["We will build it,"][0] == "Karl Dunn"
    assert found["It is a fair text,"][:3] == ("Valdor's foreign ministry", "spokesman", "institution")


def test_an_institution_after_a_comma_is_not_a_description_of_the_name_before_it():
    found = speakers("Ties\n\nKestrel's defence ministry answered on Thursday. Asked how it would promote ties with "
                     'Amberland, the defence ministry said the relationship was "operating at a high level".\n\n'
                     'It was not the same as some countries\' "Cold War thinking"—an old critique of the bloc, '
                     "whose growth Kestrel claims led to the crisis.\n")
    assert found["operating at a high level"][2] == "institution"
    assert "ministry" in found["operating at a high level"][0]
    assert found["Cold War thinking"][0] != "Kestrel"


def test_a_pronoun_does_not_stand_for_a_place_read_as_a_name():
    found = speakers("Talks\n\nForeign Minister Corin Vale met the envoys on Monday.\n\n"
                     '"We spoke for an hour," Vale said.\n\n'
                     "The talks were held in the same room as those with North Kestrelan envoys in Valdoristan.\n\n"
                     '"It was useful," he said.\n')
    assert found["It was useful,"][0] == "Corin Vale"
