// Package fictional holds the spellings synthetic populations are made of
// (the search bench, sojourn gen): common names in Latin, Cyrillic and
// Hangul, none of them a real person's.
package fictional

// Spellings of fictional names: Korean family names and given-name
// syllables in Hangul, Latin and Cyrillic (in that order), Russian names
// in Cyrillic and Latin.
var (
	KoreanFamilies = [][3]string{{"박", "Park", "Пак"}, {"김", "Kim", "Ким"}, {"이", "Lee", "Ли"}, {"최", "Choi", "Цой"},
		{"정", "Jung", "Тен"}, {"강", "Kang", "Кан"}, {"조", "Cho", "Чо"}, {"윤", "Yoon", "Юн"}, {"장", "Jang", "Тян"},
		{"임", "Lim", "Лим"}, {"한", "Han", "Хан"}, {"신", "Shin", "Шин"}, {"오", "Oh", "О"}, {"황", "Hwang", "Хван"},
		{"안", "Ahn", "Ан"}, {"송", "Song", "Сон"}, {"유", "Yoo", "Ю"}, {"홍", "Hong", "Хон"}, {"전", "Jeon", "Чон"}, {"고", "Ko", "Ко"}}
	KoreanSyllables = [][3]string{{"영", "yeong", "ен"}, {"일", "il", "ир"}, {"수", "su", "су"}, {"민", "min", "мин"},
		{"준", "jun", "чун"}, {"성", "seong", "сон"}, {"호", "ho", "хо"}, {"철", "cheol", "чхоль"}, {"남", "nam", "нам"},
		{"희", "hui", "хи"}, {"현", "hyeon", "хён"}, {"우", "u", "у"}, {"진", "jin", "чин"}, {"혜", "hye", "хе"},
		{"경", "gyeong", "кён"}, {"순", "sun", "сун"}, {"옥", "ok", "ок"}, {"광", "gwang", "кван"}, {"명", "myeong", "мён"},
		{"태", "tae", "тхэ"}, {"동", "dong", "дон"}, {"석", "seok", "сок"}, {"은", "eun", "ын"}, {"미", "mi", "ми"},
		{"지", "ji", "чи"}, {"상", "sang", "сан"}, {"재", "jae", "чжэ"}, {"용", "yong", "ён"}, {"기", "gi", "ки"}, {"나", "na", "на"}}
	RussianFamilies = [][2]string{{"Жуков", "Zhukov"}, {"Иванов", "Ivanov"}, {"Кузнецов", "Kuznetsov"}, {"Смирнов", "Smirnov"},
		{"Соколов", "Sokolov"}, {"Волков", "Volkov"}, {"Козлов", "Kozlov"}, {"Новиков", "Novikov"}, {"Морозов", "Morozov"},
		{"Петров", "Petrov"}, {"Лебедев", "Lebedev"}, {"Егоров", "Egorov"}, {"Павлов", "Pavlov"}, {"Семёнов", "Semenov"},
		{"Голубев", "Golubev"}, {"Виноградов", "Vinogradov"}, {"Богданов", "Bogdanov"}, {"Воробьёв", "Vorobev"},
		{"Фёдоров", "Fedorov"}, {"Михайлов", "Mikhailov"}, {"Беляев", "Beliaev"}, {"Тарасов", "Tarasov"}, {"Белов", "Belov"},
		{"Комаров", "Komarov"}, {"Орлов", "Orlov"}, {"Киселёв", "Kiselev"}, {"Макаров", "Makarov"}, {"Андреев", "Andreev"},
		{"Ковалёв", "Kovalev"}, {"Ильин", "Ilin"}, {"Гусев", "Gusev"}, {"Титов", "Titov"}, {"Кузьмин", "Kuzmin"},
		{"Баранов", "Baranov"}, {"Куликов", "Kulikov"}, {"Алексеев", "Alekseev"}, {"Степанов", "Stepanov"}, {"Яковлев", "Iakovlev"},
		{"Сорокин", "Sorokin"}, {"Сергеев", "Sergeev"}, {"Романов", "Romanov"}, {"Захаров", "Zakharov"}, {"Борисов", "Borisov"},
		{"Королёв", "Korolev"}, {"Герасимов", "Gerasimov"}, {"Пономарёв", "Ponomarev"}, {"Григорьев", "Grigorev"},
		{"Лазарев", "Lazarev"}, {"Медведев", "Medvedev"}, {"Ершов", "Ershov"}}
	RussianGiven = [][2]string{{"Дмитрий", "Dmitrii"}, {"Сергей", "Sergei"}, {"Алексей", "Aleksei"}, {"Андрей", "Andrei"},
		{"Михаил", "Mikhail"}, {"Николай", "Nikolai"}, {"Владимир", "Vladimir"}, {"Юрий", "Iurii"}, {"Евгений", "Evgenii"},
		{"Александр", "Aleksandr"}, {"Иван", "Ivan"}, {"Пётр", "Petr"}, {"Олег", "Oleg"}, {"Игорь", "Igor"}, {"Виктор", "Viktor"},
		{"Фёдор", "Fedor"}, {"Григорий", "Grigorii"}, {"Павел", "Pavel"}, {"Василий", "Vasilii"}, {"Борис", "Boris"},
		{"Роман", "Roman"}, {"Константин", "Konstantin"}, {"Степан", "Stepan"}, {"Антон", "Anton"}, {"Илья", "Ilia"}}
)

// Latin-script family and given names by country of origin, for people
// known by one Latin name only.
var (
	LatinFamilies = map[string][]string{
		"CS": {"Novák", "Svoboda", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Horák", "Němec", "Pokorný"},
		"PL": {"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński"},
		"DE": {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann"},
		"FR": {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"},
	}
	LatinGiven = map[string][]string{
		"CS": {"Jan", "Jiří", "Petr", "Josef", "Marie", "Jana", "Eva", "Anna", "Václav", "Hana"},
		"PL": {"Piotr", "Krzysztof", "Andrzej", "Tomasz", "Anna", "Maria", "Katarzyna", "Małgorzata"},
		"DE": {"Hans", "Peter", "Klaus", "Wolfgang", "Ursula", "Helga", "Gisela", "Monika", "Jürgen", "Karin"},
		"FR": {"Jean", "Pierre", "Michel", "André", "Marie", "Jeanne", "Françoise", "Monique", "Jacques", "Louis"},
	}
)
