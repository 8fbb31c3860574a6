package match

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// The labelled set in testdata/pairs.tsv is made by this generator from
// hand-written spelling tables (passport, petition and Koryo-saram
// spellings of Korean syllables and family names; passport, ISO 9 and
// German or French spellings of Russian names), independent of the
// matcher's own tables. go test ./match -run TestLabelledSetUpToDate
// -update writes it again; the test fails if it is out of date.

var update = flag.Bool("update", false, "write testdata/pairs.tsv again")

// koSurname is a Korean family name in Hangul and as it is spelt in Latin
// and Cyrillic documents.
type koSurname struct {
	hangul     string
	latin, cyr []string
}

var koSurnames = []koSurname{
	{"박", []string{"Park", "Pak", "Bak"}, []string{"Пак"}},
	{"김", []string{"Kim", "Gim"}, []string{"Ким"}},
	{"이", []string{"Lee", "Li", "Ri", "Yi", "Rhee"}, []string{"Ли", "Ри"}},
	{"최", []string{"Choi", "Choe"}, []string{"Цой", "Чой"}},
	{"정", []string{"Jung", "Jeong", "Chong"}, []string{"Тен", "Чон"}},
	{"강", []string{"Kang", "Gang"}, []string{"Кан"}},
	{"조", []string{"Cho", "Jo"}, []string{"Чо"}},
	{"윤", []string{"Yoon", "Yun"}, []string{"Юн"}},
	{"장", []string{"Jang", "Chang"}, []string{"Тян", "Чан"}},
	{"임", []string{"Lim", "Im", "Rim"}, []string{"Лим", "Им"}},
	{"한", []string{"Han"}, []string{"Хан"}},
	{"신", []string{"Shin", "Sin"}, []string{"Шин", "Син"}},
	{"오", []string{"Oh", "O"}, []string{"О", "Огай"}},
	{"황", []string{"Hwang"}, []string{"Хван"}},
	{"남궁", []string{"Namgung", "Namkung"}, []string{"Намгун"}},
}

// koSyllable is a syllable of a Korean given name: Hangul, Revised
// Romanization, McCune–Reischauer (with its breves), a common passport
// spelling, and Cyrillic spellings.
type koSyllable struct {
	hangul, rr, mr, passport string
	cyr                      []string
}

var koSyllables = []koSyllable{
	{"영", "yeong", "yŏng", "young", []string{"ен", "ён"}},
	{"일", "il", "il", "ill", []string{"ир", "иль"}},
	{"수", "su", "su", "soo", []string{"су"}},
	{"민", "min", "min", "min", []string{"мин"}},
	{"준", "jun", "chun", "joon", []string{"чун", "джун"}},
	{"성", "seong", "sŏng", "sung", []string{"сон", "сен"}},
	{"호", "ho", "ho", "ho", []string{"хо"}},
	{"철", "cheol", "ch'ŏl", "chul", []string{"чхоль", "чер"}},
	{"남", "nam", "nam", "nam", []string{"нам"}},
	{"희", "hui", "hŭi", "hee", []string{"хи"}},
	{"현", "hyeon", "hyŏn", "hyun", []string{"хён", "хен"}},
	{"우", "u", "u", "woo", []string{"у"}},
	{"진", "jin", "chin", "jin", []string{"чин", "джин"}},
	{"혜", "hye", "hye", "hye", []string{"хе"}},
	{"경", "gyeong", "kyŏng", "kyung", []string{"кён", "ген"}},
	{"순", "sun", "sun", "soon", []string{"сун"}},
	{"옥", "ok", "ok", "ok", []string{"ок"}},
	{"광", "gwang", "kwang", "kwang", []string{"кван"}},
	{"명", "myeong", "myŏng", "myung", []string{"мён", "мен"}},
	{"태", "tae", "t'ae", "tae", []string{"тхэ", "тэ"}},
	{"동", "dong", "tong", "dong", []string{"дон", "тон"}},
	{"석", "seok", "sŏk", "suk", []string{"сок", "сек"}},
	{"은", "eun", "ŭn", "eun", []string{"ын"}},
	{"미", "mi", "mi", "mee", []string{"ми"}},
}

// ruName is a Russian name in Cyrillic and its Latin spellings (passport
// since 2013, older passports and BGN, ISO 9, German or French).
type ruName struct {
	cyr   string
	latin []string
}

var ruSurnames = []ruName{
	{"Жуков", []string{"Zhukov", "Žukov", "Shukow"}}, {"Иванов", []string{"Ivanov", "Iwanow"}},
	{"Кузнецов", []string{"Kuznetsov", "Kuznecov", "Kusnezow"}}, {"Смирнов", []string{"Smirnov", "Smirnow"}},
	{"Соколов", []string{"Sokolov"}}, {"Волков", []string{"Volkov", "Wolkow"}}, {"Козлов", []string{"Kozlov"}},
	{"Новиков", []string{"Novikov", "Nowikow"}}, {"Морозов", []string{"Morozov"}}, {"Петров", []string{"Petrov", "Petrow"}},
	{"Лебедев", []string{"Lebedev"}}, {"Егоров", []string{"Egorov", "Yegorov"}}, {"Семёнов", []string{"Semenov", "Semyonov", "Semënov"}},
	{"Воробьёв", []string{"Vorobev", "Vorobyov", "Vorobiev"}}, {"Фёдоров", []string{"Fedorov", "Fyodorov"}},
	{"Михайлов", []string{"Mikhailov", "Mikhaylov", "Michajlov"}}, {"Беляев", []string{"Beliaev", "Belyaev"}},
	{"Киселёв", []string{"Kiselev", "Kiselyov"}}, {"Андреев", []string{"Andreev", "Andreyev"}},
	{"Ильин", []string{"Ilin", "Ilyin", "Il'in"}}, {"Кудрявцев", []string{"Kudriavtsev", "Kudryavtsev", "Kudrjavcev"}},
	{"Алексеев", []string{"Alekseev", "Alexeyev"}}, {"Яковлев", []string{"Iakovlev", "Yakovlev", "Jakovlev"}},
	{"Захаров", []string{"Zakharov", "Zaharov", "Sacharow"}}, {"Королёв", []string{"Korolev", "Korolyov"}},
	{"Григорьев", []string{"Grigorev", "Grigoryev", "Grigor'ev"}}, {"Медведев", []string{"Medvedev"}},
	{"Ершов", []string{"Ershov", "Yershov"}}, {"Поляков", []string{"Poliakov", "Polyakov"}},
	{"Цветков", []string{"Tsvetkov", "Cvetkov", "Zwetkow"}}, {"Шевченко", []string{"Shevchenko", "Ševčenko"}},
	{"Щербаков", []string{"Shcherbakov", "Ščerbakov"}}, {"Ткаченко", []string{"Tkachenko", "Tkačenko"}},
	{"Хабибуллин", []string{"Khabibullin", "Habibullin"}}, {"Чернов", []string{"Chernov", "Černov", "Tschernow"}},
}

var ruMale = []ruName{
	{"Дмитрий", []string{"Dmitrii", "Dmitry", "Dmitriy", "Dmitrij"}}, {"Сергей", []string{"Sergei", "Sergey", "Sergej"}},
	{"Алексей", []string{"Aleksei", "Alexey", "Aleksej"}}, {"Андрей", []string{"Andrei", "Andrey"}},
	{"Михаил", []string{"Mikhail", "Michail"}}, {"Николай", []string{"Nikolai", "Nikolay"}},
	{"Владимир", []string{"Vladimir", "Wladimir"}}, {"Юрий", []string{"Iurii", "Yuri", "Yuriy", "Jurij"}},
	{"Евгений", []string{"Evgenii", "Yevgeny", "Evgeniy"}}, {"Александр", []string{"Aleksandr", "Alexander"}},
	{"Иван", []string{"Ivan"}}, {"Пётр", []string{"Petr", "Pyotr", "Pëtr"}}, {"Олег", []string{"Oleg"}},
	{"Игорь", []string{"Igor"}}, {"Виктор", []string{"Viktor", "Victor"}}, {"Фёдор", []string{"Fedor", "Fyodor"}},
	{"Григорий", []string{"Grigorii", "Grigory"}}, {"Павел", []string{"Pavel"}}, {"Василий", []string{"Vasilii", "Vasily"}},
}

var ruFemale = []ruName{
	{"Анна", []string{"Anna"}}, {"Мария", []string{"Mariia", "Maria", "Mariya"}}, {"Елена", []string{"Elena", "Yelena"}},
	{"Ольга", []string{"Olga"}}, {"Татьяна", []string{"Tatiana", "Tatyana"}}, {"Наталья", []string{"Natalia", "Natalya"}},
	{"Ирина", []string{"Irina"}}, {"Светлана", []string{"Svetlana"}}, {"Юлия", []string{"Iuliia", "Yulia", "Julija"}},
	{"Екатерина", []string{"Ekaterina", "Yekaterina"}}, {"Людмила", []string{"Liudmila", "Lyudmila"}}, {"Ксения", []string{"Kseniia", "Ksenia"}},
}

// ruFathers give patronymics: masculine and feminine forms.
var ruFathers = [][2]string{
	{"Сергеевич", "Сергеевна"}, {"Иванович", "Ивановна"}, {"Петрович", "Петровна"}, {"Николаевич", "Николаевна"},
	{"Александрович", "Александровна"}, {"Владимирович", "Владимировна"}, {"Михайлович", "Михайловна"},
	{"Андреевич", "Андреевна"}, {"Викторович", "Викторовна"}, {"Юрьевич", "Юрьевна"},
}

// person is a fictional person of the labelled set.
type person struct {
	korean  bool
	sur     int
	given   []int // syllables, or the given name
	female  bool
	father  int
	born    Date
	country string
}

// rendering is one way a person is written on a document.
type rendering struct {
	family, given, text string
	born                Date
	country             string
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func (g *gen) korean() person {
	p := person{korean: true, sur: g.r.IntN(len(koSurnames)), country: pick(g.r, []string{"KP", "KR", "SU", "UZ", "KZ"})}
	p.given = []int{g.r.IntN(len(koSyllables)), g.r.IntN(len(koSyllables))}
	p.born = g.date()
	return p
}

func (g *gen) russian() person {
	p := person{female: g.r.IntN(2) == 0, sur: g.r.IntN(len(ruSurnames)), father: g.r.IntN(len(ruFathers)),
		country: pick(g.r, []string{"SU", "RU", "UA", "BY", "KZ"})}
	names := ruMale
	if p.female {
		names = ruFemale
	}
	p.given = []int{g.r.IntN(len(names))}
	p.born = g.date()
	return p
}

func (g *gen) date() Date {
	return Date{1930 + g.r.IntN(75), 1 + g.r.IntN(12), 1 + g.r.IntN(28)}
}

// render writes p in a script ("Hangul", "Latin", "Cyrillic"), as a
// structured name or as free text, with the variations of real documents.
func (g *gen) render(p person, script string, text bool) rendering {
	r := g.r
	var fam, giv string
	if p.korean {
		s := koSurnames[p.sur]
		var syl []string
		sep := ""
		switch script {
		case "Hangul":
			fam = s.hangul
			for _, i := range p.given {
				syl = append(syl, koSyllables[i].hangul)
			}
		case "Cyrillic":
			fam = pick(r, s.cyr)
			for _, i := range p.given {
				syl = append(syl, capital(pick(r, koSyllables[i].cyr)))
			}
			sep = pick(r, []string{" ", "-"})
		default:
			fam = pick(r, s.latin)
			style := r.IntN(4)
			for _, i := range p.given {
				k := koSyllables[i]
				syl = append(syl, []string{k.rr, k.mr, k.passport, strings.ReplaceAll(k.mr, "ŏ", "o")}[style])
			}
			sep = pick(r, []string{" ", "-", ""})
			for i := range syl {
				if i == 0 || sep != "" {
					syl[i] = strings.ToUpper(syl[i][:1]) + syl[i][1:]
				}
			}
		}
		giv = strings.Join(syl, sep)
	} else {
		s := ruSurnames[p.sur]
		names := ruMale
		if p.female {
			names = ruFemale
		}
		n := names[p.given[0]]
		switch script {
		case "Cyrillic":
			fam, giv = s.cyr, n.cyr
			if p.female {
				fam += "а"
			}
			if r.IntN(10) < 7 {
				giv += " " + ruFathers[p.father][b2i(p.female)]
			}
		default:
			fam, giv = pick(r, s.latin), pick(r, n.latin)
			if p.female {
				fam += "a"
			}
			if r.IntN(12) == 0 {
				giv = giv[:1] + "."
			}
		}
	}
	out := rendering{family: fam, given: giv, born: p.born, country: p.country}
	switch r.IntN(10) {
	case 0, 1, 2:
		out.born = Date{Year: p.born.Year}
	case 3:
		out.born = Date{Year: p.born.Year, Month: p.born.Month}
	}
	if r.IntN(5) == 0 {
		out.country = ""
	}
	if text {
		switch {
		case script == "Hangul":
			out.text = fam + giv
		case r.IntN(2) == 0 && script == "Latin":
			out.text = giv + " " + fam
		default:
			out.text = fam + " " + giv
		}
		out.family, out.given = "", ""
	}
	return out
}

// capital writes a word's first letter in upper case.
func capital(w string) string {
	rs := []rune(w)
	return strings.ToUpper(string(rs[:1])) + string(rs[1:])
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

type gen struct {
	r    *rand.Rand
	rows []string
}

var scripts = []string{"Latin", "Cyrillic", "Hangul"}

func (g *gen) pair(label int, note string, a, b rendering) {
	g.rows = append(g.rows, strings.Join([]string{fmt.Sprint(label), note, a.family, a.given, a.born.String(), a.country,
		b.family, b.given, b.text, b.born.String(), b.country}, "\t"))
}

// scriptsOf returns the scripts a person is written in.
func scriptsOf(p person) []string {
	if p.korean {
		return scripts
	}
	return scripts[:2]
}

// generate makes the labelled set.
func generate() string {
	g := &gen{r: rand.New(rand.NewPCG(13, 2026))}
	for i := 0; i < 360; i++ {
		var p person
		if i%3 == 2 {
			p = g.russian()
		} else {
			p = g.korean()
		}
		ss := scriptsOf(p)
		s1, s2 := pick(g.r, ss), pick(g.r, ss)
		a, b := g.render(p, s1, false), g.render(p, s2, g.r.IntN(2) == 0)
		g.pair(1, "same person "+s1+"/"+s2, a, b)
		q := g.other(p)
		s3 := pick(g.r, scriptsOf(q.p))
		c := g.render(q.p, s3, g.r.IntN(2) == 0)
		if q.sameDate {
			c.born = a.born
		}
		g.pair(0, q.note+" "+s1+"/"+s3, a, c)
	}
	head := "label\tnote\ta_family\ta_given\ta_born\ta_country\tb_family\tb_given\tb_text\tb_born\tb_country\n"
	return head + strings.Join(g.rows, "\n") + "\n"
}

type hard struct {
	p        person
	note     string
	sameDate bool
}

// other makes a hard non-match for p: the same family name and another
// given name, the same name born another year, or another family name
// with the same given name and birth date.
func (g *gen) other(p person) hard {
	q := p
	switch g.r.IntN(4) {
	case 0:
		if p.korean {
			i := g.r.IntN(2)
			for q.given = append([]int(nil), p.given...); q.given[i] == p.given[i]; {
				q.given[i] = g.r.IntN(len(koSyllables))
			}
		} else {
			names := ruMale
			if p.female {
				names = ruFemale
			}
			for q.given = []int{p.given[0]}; q.given[0] == p.given[0]; {
				q.given[0] = g.r.IntN(len(names))
			}
		}
		return hard{q, "same family name, another given name, same date", true}
	case 1:
		if p.korean {
			q.given = []int{g.r.IntN(len(koSyllables)), g.r.IntN(len(koSyllables))}
		}
		q.born.Year += 1 + g.r.IntN(9)
		return hard{q, "same family name, born years apart", false}
	case 2:
		q.born = Date{p.born.Year + 2 + g.r.IntN(10), p.born.Month, p.born.Day}
		return hard{q, "same name, born years apart", false}
	}
	n := len(koSurnames)
	if !p.korean {
		n = len(ruSurnames)
	}
	for q.sur == p.sur {
		q.sur = g.r.IntN(n)
	}
	if !p.korean {
		q.father = (p.father + 1) % len(ruFathers)
	}
	return hard{q, "another family name, same given name and date", true}
}

func TestLabelledSetUpToDate(t *testing.T) {
	want := generate()
	if *update {
		if err := os.WriteFile("testdata/pairs.tsv", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("testdata/pairs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatal("testdata/pairs.tsv is not what the generator makes: go test ./match -run TestLabelledSetUpToDate -update")
	}
}
