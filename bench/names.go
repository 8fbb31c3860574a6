package bench

import (
	"math/rand/v2"
	"strings"

	"sojourn"
)

// Spellings of fictional names for the search bench: Korean family names
// and given-name syllables in Hangul, Latin and Cyrillic, Russian names in
// Cyrillic and Latin.
var (
	koFamilies = [][3]string{{"박", "Park", "Пак"}, {"김", "Kim", "Ким"}, {"이", "Lee", "Ли"}, {"최", "Choi", "Цой"},
		{"정", "Jung", "Тен"}, {"강", "Kang", "Кан"}, {"조", "Cho", "Чо"}, {"윤", "Yoon", "Юн"}, {"장", "Jang", "Тян"},
		{"임", "Lim", "Лим"}, {"한", "Han", "Хан"}, {"신", "Shin", "Шин"}, {"오", "Oh", "О"}, {"황", "Hwang", "Хван"},
		{"안", "Ahn", "Ан"}, {"송", "Song", "Сон"}, {"유", "Yoo", "Ю"}, {"홍", "Hong", "Хон"}, {"전", "Jeon", "Чон"}, {"고", "Ko", "Ко"}}
	koSyllables = [][3]string{{"영", "yeong", "ен"}, {"일", "il", "ир"}, {"수", "su", "су"}, {"민", "min", "мин"},
		{"준", "jun", "чун"}, {"성", "seong", "сон"}, {"호", "ho", "хо"}, {"철", "cheol", "чхоль"}, {"남", "nam", "нам"},
		{"희", "hui", "хи"}, {"현", "hyeon", "хён"}, {"우", "u", "у"}, {"진", "jin", "чин"}, {"혜", "hye", "хе"},
		{"경", "gyeong", "кён"}, {"순", "sun", "сун"}, {"옥", "ok", "ок"}, {"광", "gwang", "кван"}, {"명", "myeong", "мён"},
		{"태", "tae", "тхэ"}, {"동", "dong", "дон"}, {"석", "seok", "сок"}, {"은", "eun", "ын"}, {"미", "mi", "ми"},
		{"지", "ji", "чи"}, {"상", "sang", "сан"}, {"재", "jae", "чжэ"}, {"용", "yong", "ён"}, {"기", "gi", "ки"}, {"나", "na", "на"}}
	ruFamilies = [][2]string{{"Жуков", "Zhukov"}, {"Иванов", "Ivanov"}, {"Кузнецов", "Kuznetsov"}, {"Смирнов", "Smirnov"},
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
	ruGiven = [][2]string{{"Дмитрий", "Dmitrii"}, {"Сергей", "Sergei"}, {"Алексей", "Aleksei"}, {"Андрей", "Andrei"},
		{"Михаил", "Mikhail"}, {"Николай", "Nikolai"}, {"Владимир", "Vladimir"}, {"Юрий", "Iurii"}, {"Евгений", "Evgenii"},
		{"Александр", "Aleksandr"}, {"Иван", "Ivan"}, {"Пётр", "Petr"}, {"Олег", "Oleg"}, {"Игорь", "Igor"}, {"Виктор", "Viktor"},
		{"Фёдор", "Fedor"}, {"Григорий", "Grigorii"}, {"Павел", "Pavel"}, {"Василий", "Vasilii"}, {"Борис", "Boris"},
		{"Роман", "Roman"}, {"Константин", "Konstantin"}, {"Степан", "Stepan"}, {"Антон", "Anton"}, {"Илья", "Ilia"}}
)

// fictional is a generated person: names in every script they are known
// in, to register one of them and search for another.
type fictional struct {
	korean bool
	names  [3]sojourn.Name // Hangul (Korean only), Latin, Cyrillic
	born   sojourn.Date
}

// newFictional makes the i-th fictional person (two in three Korean).
func newFictional(r *rand.Rand) fictional {
	born := sojourn.MustDate("1930-01-01").AddDays(r.IntN(27000))
	if r.IntN(3) == 2 {
		f, g := ruFamilies[r.IntN(len(ruFamilies))], ruGiven[r.IntN(len(ruGiven))]
		return fictional{names: [3]sojourn.Name{{}, {Script: "Latin", Family: f[1], Given: g[1]},
			{Script: "Cyrillic", Family: f[0], Given: g[0]}}, born: born}
	}
	f := koFamilies[r.IntN(len(koFamilies))]
	s1, s2 := koSyllables[r.IntN(len(koSyllables))], koSyllables[r.IntN(len(koSyllables))]
	latin := strings.ToUpper(s1[1][:1]) + s1[1][1:] + "-" + s2[1]
	cyr := []rune(s1[2] + " " + s2[2])
	return fictional{korean: true, born: born, names: [3]sojourn.Name{
		{Script: "Hangul", Family: f[0], Given: s1[0] + s2[0]},
		{Script: "Latin", Family: f[1], Given: latin},
		{Script: "Cyrillic", Family: f[2], Given: strings.ToUpper(string(cyr[:1])) + string(cyr[1:])}}}
}

// scripts returns the indexes of the names the person is known by.
func (f fictional) scripts() []int {
	if f.korean {
		return []int{0, 1, 2}
	}
	return []int{1, 2}
}
